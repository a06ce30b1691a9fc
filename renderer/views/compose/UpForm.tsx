/** The options of one `up` and the button that starts it. */
import { useState } from 'react';
import { api } from '../../api';
import type { ComposeFile } from '../../../contract/compose';
import { useCompose } from '../../stores/composeStore';
import { attempt } from '../../stores/toastStore';
import { taskToastKey } from '../../stores/tasksStore';

export function UpForm({ file, blocked }: { file: ComposeFile; blocked: boolean }) {
  const revalidate = useCompose((s) => s.revalidate);
  const [project, setProject] = useState(file.project);
  const [build, setBuild] = useState(false);
  const [pull, setPull] = useState(false);
  const [forceRecreate, setForceRecreate] = useState(false);
  const [profiles, setProfiles] = useState<string[]>([]);
  const [envFile, setEnvFile] = useState('');
  const validProject = /^[a-z0-9][a-z0-9_-]*$/.test(project);
  const options = () => ({ project, profiles, envFile: envFile.trim() || undefined });
  const up = () =>
    void attempt(
      `Could not start ${project}`,
      () => api.compose.up({ file: file.path, build, pull, forceRecreate, ...options() }),
      // About the same thing as the up task's own toasts: whichever comes last replaces the others.
      { key: taskToastKey({ kind: 'compose.up', title: `Up ${project}` }) },
    );
  const toggleProfile = (p: string) =>
    setProfiles((list) => (list.includes(p) ? list.filter((x) => x !== p) : [...list, p]));
  return (
    <form
      className="compose-up"
      onSubmit={(e) => {
        e.preventDefault();
        up();
      }}
    >
      <label>
        Project
        <input
          data-testid="compose-project"
          value={project}
          onChange={(e) => setProject(e.target.value.toLowerCase())}
          aria-invalid={!validProject}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={build} onChange={(e) => setBuild(e.target.checked)} /> Build first
      </label>
      <label className="check">
        <input type="checkbox" checked={pull} onChange={(e) => setPull(e.target.checked)} /> Pull first
      </label>
      <label className="check">
        <input type="checkbox" checked={forceRecreate} onChange={(e) => setForceRecreate(e.target.checked)} /> Force
        recreate
      </label>
      {file.profiles.map((p) => (
        <label key={p} className="check">
          <input type="checkbox" checked={profiles.includes(p)} onChange={() => toggleProfile(p)} /> profile {p}
        </label>
      ))}
      <label>
        Env file
        <input
          placeholder="optional, e.g. /path/.env.local"
          value={envFile}
          onChange={(e) => setEnvFile(e.target.value)}
          onBlur={() => void revalidate(options())}
        />
      </label>
      <span className="spacer" />
      <button
        type="submit"
        className="primary"
        data-testid="compose-up"
        disabled={blocked || !validProject}
        title={blocked ? 'The compose CLI refused this file' : undefined}
      >
        ▶ Up
      </button>
    </form>
  );
}
