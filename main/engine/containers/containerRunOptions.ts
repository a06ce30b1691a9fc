/** Pure pieces of `containers.run`: the env-file parser and the engine's create options for a RunSpec. */
import type Docker from 'dockerode';
import type { RunSpecParsed } from '../../../contract/containers';
import { ApiError } from '../../../contract/errors';

/**
 * Parses an env file as `docker run --env-file` does: KEY=VALUE per line, `#` comments and blank lines
 * skipped, a bare KEY taken from Berth's own environment when set. Values are kept verbatim (no quotes
 * are stripped). A malformed line is an error naming the file and line.
 */
export function parseEnvFile(text: string, path: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\s+/, '');
    if (!line || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq === -1 ? line.trimEnd() : line.slice(0, eq);
    if (!key || /\s/.test(key)) {
      throw new ApiError(
        'invalid_input',
        `Env file ${path}, line ${i + 1}: "${raw.slice(0, 80)}" is not KEY=VALUE.`,
        'Fix the line or remove it.',
        [{ path: 'envFile', message: `line ${i + 1} is not KEY=VALUE` }],
      );
    }
    if (eq === -1) {
      const value = env[key];
      if (value !== undefined) out.push(`${key}=${value}`);
    } else out.push(line);
  });
  return out;
}

export function toCreateOptions(spec: RunSpecParsed, envFromFile: string[] = []): Docker.ContainerCreateOptions {
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of spec.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp, HostPort: p.hostPort === undefined ? '' : String(p.hostPort) });
  }
  const env = [...envFromFile, ...spec.env.map((e) => `${e.name}=${e.value}`)];
  const network = spec.network?.trim();
  return {
    name: spec.name,
    Image: spec.image,
    ...(spec.command.length ? { Cmd: spec.command } : {}),
    ...(env.length ? { Env: env } : {}),
    ExposedPorts: exposed,
    HostConfig: {
      PortBindings: bindings,
      Mounts: spec.mounts.map((m) => ({
        Type: m.type,
        Source: m.source,
        Target: m.target,
        ReadOnly: m.readOnly,
      })),
      RestartPolicy: { Name: spec.restartPolicy === 'no' ? '' : spec.restartPolicy },
      AutoRemove: spec.autoRemove,
      ...(network ? { NetworkMode: network } : {}),
    },
  };
}

/** The engine's words for a published port that something else holds. */
export const isPortTakenMessage = (message: string): boolean =>
  /port is already allocated|address already in use|bind: .*in use/i.test(message);
