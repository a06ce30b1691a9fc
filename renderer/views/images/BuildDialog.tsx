/**
 * Build from a folder: folder (typed, or picked in the desktop app), Dockerfile name, tags, build args,
 * builder, target, no-cache. Once started the dialog follows the task: each step with its state and time,
 * the live log, and on failure the error with the Dockerfile line highlighted and the failing step's output.
 * Closing it leaves the build running in the task center.
 */
import { useEffect, useRef, useState } from 'react';
import { api, isDesktop } from '../../api';
import { ApiError } from '../../../contract/apiError';
import { toApiError } from '../../common/apiError';
import { BuildFailureView } from '../../components/BuildFailureView';
import { emptyBuildForm, toBuildInput, type BuildForm, type BuildFormErrors } from './buildForm';
import { InputRow } from '../../components/Field';
import { FormError, Modal } from '../../components/Modal';
import { useTask } from './useTask';
import { BuildSteps } from './BuildSteps';

export function BuildDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [form, setForm] = useState<BuildForm>(emptyBuildForm);
  const [errors, setErrors] = useState<BuildFormErrors>({});
  const [error, setError] = useState<ApiError | undefined>();
  const [taskId, setTaskId] = useState<string | undefined>();
  const { task, log } = useTask(taskId);
  const logRef = useRef<HTMLPreElement>(null);
  useEffect(() => {
    logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
  }, [log.length]);
  const set = <K extends keyof BuildForm>(key: K, value: BuildForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const close = () => {
    setTaskId(undefined);
    setError(undefined);
    onClose();
  };
  const browse = async () => {
    const picked = await api.system.pickPath({ kind: 'folder', title: 'Build context' }).catch(() => undefined);
    if (picked?.path) set('context', picked.path);
  };
  const submit = async () => {
    if (task?.state === 'running') return;
    const checked = toBuildInput(form);
    if ('errors' in checked) return setErrors(checked.errors);
    setErrors({});
    setError(undefined);
    try {
      setTaskId((await api.images.build(checked.input)).taskId);
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const running = task?.state === 'running';
  return (
    <Modal
      open={open}
      wide
      title="Build an image"
      onClose={close}
      onSubmit={() => void submit()}
      testId="build-dialog"
      actions={
        <>
          {running && (
            <button type="button" onClick={() => void api.tasks.cancel({ id: task.id })}>
              Cancel build
            </button>
          )}
          <button type="button" onClick={close}>
            {running ? 'Close (keeps building)' : 'Close'}
          </button>
          <button type="submit" className="primary" disabled={running}>
            {task ? 'Build again' : 'Build'}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label htmlFor="build-context">Folder</label>
        <span className="img-field-row">
          <input
            id="build-context"
            className="mono"
            placeholder="/home/me/project"
            value={form.context}
            onChange={(e) => set('context', e.target.value)}
          />
          {isDesktop() && (
            <button type="button" onClick={() => void browse()}>
              Browse…
            </button>
          )}
        </span>
        {errors.context && <span className="field-error img-grid-span">{errors.context}</span>}
        <InputRow
          id="build-dockerfile"
          label="Dockerfile"
          className="mono"
          value={form.dockerfile}
          onValue={(v) => set('dockerfile', v)}
        />
        <InputRow
          id="build-tags"
          label="Tags"
          className="mono"
          placeholder="app:dev, 127.0.0.1:5000/team/app:1.0"
          value={form.tags}
          onValue={(v) => set('tags', v)}
        />
        <label htmlFor="build-args">Build args</label>
        <textarea
          id="build-args"
          className="mono"
          rows={2}
          placeholder={'VERSION=1.2\nDEBUG=1'}
          value={form.buildArgs}
          onChange={(e) => set('buildArgs', e.target.value)}
        />
        {errors.buildArgs && <span className="field-error img-grid-span">{errors.buildArgs}</span>}
        <label htmlFor="build-builder">Builder</label>
        <select
          id="build-builder"
          value={form.builder}
          onChange={(e) => set('builder', e.target.value as BuildForm['builder'])}
        >
          <option value="auto">Automatic (BuildKit where the engine offers it)</option>
          <option value="buildkit">BuildKit (docker buildx)</option>
          <option value="classic">Classic builder</option>
        </select>
        <InputRow
          id="build-target"
          label="Target stage"
          className="mono"
          placeholder="(last stage)"
          value={form.target}
          onValue={(v) => set('target', v)}
        />
        <span />
        <span className="img-field-row">
          <label className="check">
            <input type="checkbox" checked={form.noCache} onChange={(e) => set('noCache', e.target.checked)} />
            No cache
          </label>
          <label className="check">
            <input type="checkbox" checked={form.pull} onChange={(e) => set('pull', e.target.checked)} />
            Pull newer base images
          </label>
        </span>
      </div>
      <FormError error={error} />
      {task && (
        <div className="build-run" data-testid="build-run" data-state={task.state}>
          <div className="build-status">
            <span className={`badge ${task.state}`}>{task.state}</span> <span>{task.message}</span>
          </div>
          <BuildSteps steps={task.steps} />
          <pre className="task-log build-log" ref={logRef}>
            {log.join('\n') || 'Waiting for output…'}
          </pre>
          {task.state === 'failed' && task.error && <BuildFailureView error={task.error} />}
        </div>
      )}
    </Modal>
  );
}
