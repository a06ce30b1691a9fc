/** The checks for programs on PATH: the docker CLI, docker compose / docker-compose, kind and kubectl. */
import { basename } from 'node:path';
import type { EnvironmentCheck } from '../../contract/system';
import { installFix } from './environmentHints';
import { findExecutable, parseVersion, runProgram, type ProbeEnv } from './environmentProbe';

interface ToolSpec {
  id: EnvironmentCheck['id'];
  label: string;
  usedFor: string;
  /** A program name or path. */
  program: string;
  args: string[];
  /** Set when the program came from Settings rather than PATH. */
  fromSettings?: boolean;
}

/** Looks for one program, runs it for its version, and says what to do when that fails. */
export async function checkTool(spec: ToolSpec, probe: ProbeEnv): Promise<EnvironmentCheck> {
  const base = { id: spec.id, label: spec.label, usedFor: spec.usedFor, required: false };
  const path = findExecutable(spec.program, probe);
  if (!path) {
    const where = spec.fromSettings
      ? `${spec.program} (from Settings) was not found`
      : `${spec.program} is not on PATH`;
    return { ...base, found: false, status: 'missing', hint: where, fix: installFix(spec.id, probe.platform) };
  }
  const run = await runProgram(path, spec.args, probe);
  const version = run.ok ? parseVersion(run.output) : undefined;
  if (!run.ok) {
    return {
      ...base,
      found: true,
      status: 'problem',
      path,
      hint: `\`${basename(path)} ${spec.args.join(' ')}\` failed: ${run.error ?? 'no output'}`,
      detail: firstLine(run.output),
      fix: installFix(spec.id, probe.platform),
    };
  }
  return { ...base, found: true, status: 'ok', path, version, detail: firstLine(run.output) };
}

const firstLine = (text: string): string | undefined => text.split('\n')[0]?.trim().slice(0, 200) || undefined;

export const checkDockerCli = (probe: ProbeEnv): Promise<EnvironmentCheck> =>
  checkTool(
    {
      id: 'docker',
      label: 'docker CLI',
      usedFor: 'Terminal use and the `docker compose` plugin; Berth talks to the engine directly.',
      program: 'docker',
      args: ['--version'],
    },
    probe,
  );

const isDockerCli = (program: string): boolean => /^docker(\.exe)?$/i.test(basename(program));

/**
 * Compose: the binary from Settings when set; otherwise `docker compose` (v2 plugin) when it answers, else
 * the standalone `docker-compose`.
 */
export async function checkCompose(setting: string, probe: ProbeEnv): Promise<EnvironmentCheck> {
  const spec = (program: string, fromSettings: boolean): ToolSpec => ({
    id: 'compose',
    label: 'Docker Compose',
    usedFor: 'The Compose view (up, down, logs of compose stacks).',
    program,
    args: isDockerCli(program) ? ['compose', 'version'] : ['--version'],
    fromSettings,
  });
  const label = (c: EnvironmentCheck, program: string): EnvironmentCheck =>
    c.found ? { ...c, label: isDockerCli(program) ? 'docker compose' : 'docker-compose' } : c;
  if (setting) return label(await checkTool(spec(setting, true), probe), setting);
  if (findExecutable('docker', probe)) {
    const plugin = await checkTool(spec('docker', false), probe);
    if (plugin.status === 'ok') return label(plugin, 'docker');
  }
  const standalone = await checkTool(spec('docker-compose', false), probe);
  if (standalone.status === 'missing')
    return { ...standalone, hint: 'Neither `docker compose` (the v2 plugin) nor `docker-compose` was found.' };
  return label(standalone, 'docker-compose');
}

export const checkKind = (setting: string, probe: ProbeEnv): Promise<EnvironmentCheck> =>
  checkTool(
    {
      id: 'kind',
      label: 'kind',
      usedFor: 'Creating and deleting local Kubernetes clusters.',
      program: setting || 'kind',
      args: ['version'],
      fromSettings: Boolean(setting),
    },
    probe,
  );

export const checkKubectl = (probe: ProbeEnv): Promise<EnvironmentCheck> =>
  checkTool(
    {
      id: 'kubectl',
      label: 'kubectl',
      usedFor: 'Terminal use against the same clusters; Berth talks to the API server directly.',
      program: 'kubectl',
      args: ['version', '--client'],
    },
    probe,
  );
