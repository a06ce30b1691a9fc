/**
 * `containers.run`: checks everything it can before touching the engine (image present, env file,
 * host ports free, network and name), then creates and starts the container. If starting fails the
 * container is removed again, so a failed run leaves nothing behind.
 */
import type Docker from 'dockerode';
import { readFile } from 'node:fs/promises';
import type { RunResult, RunSpecParsed } from '../../../contract/containers';
import { ApiError } from '../../../contract/errors';
import { toApiError } from '../../common/toApiError';
import { isPortTakenMessage, parseEnvFile, toCreateOptions } from './containerRunOptions';
import { probeHostPort } from '../../common/hostPortProbe';

export interface RunOptions {
  /** Try binding host ports first; true when the engine shares this machine's network. */
  probePorts: boolean;
}

const fieldError = (code: 'invalid_input' | 'conflict' | 'not_found', path: string, message: string, hint?: string) =>
  new ApiError(code, message, hint, [{ path, message }]);

async function checkImage(docker: Docker, image: string): Promise<void> {
  try {
    await docker.getImage(image).inspect();
  } catch (e) {
    const err = toApiError(e);
    if (err.code !== 'not_found') throw err;
    throw fieldError(
      'not_found',
      'image',
      `Image ${image} is not on this machine.`,
      'Pull it first (Images → Pull), or check the name and tag.',
    );
  }
}

async function readEnvFile(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'error';
    throw fieldError('invalid_input', 'envFile', `Env file ${path} cannot be read (${code}).`, 'Check the path.');
  }
  return parseEnvFile(text, path);
}

async function checkPorts(spec: RunSpecParsed): Promise<void> {
  for (const [i, p] of spec.ports.entries()) {
    if (p.hostPort === undefined) continue;
    const result = await probeHostPort(p.hostIp, p.hostPort, p.protocol);
    if (result === 'taken') {
      throw fieldError(
        'conflict',
        `ports.${i}.hostPort`,
        `Host port ${p.hostPort}/${p.protocol} on ${p.hostIp} is already in use.`,
        'Pick another host port, or leave it empty for a free one.',
      );
    }
    if (result === 'no-such-address') {
      throw fieldError(
        'invalid_input',
        `ports.${i}.hostIp`,
        `Host IP ${p.hostIp} is not an address of this machine.`,
        'Use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).',
      );
    }
  }
}

async function checkNetwork(docker: Docker, network: string | undefined): Promise<void> {
  const name = network?.trim();
  if (!name || ['bridge', 'host', 'none'].includes(name) || name.startsWith('container:')) return;
  try {
    await docker.getNetwork(name).inspect();
  } catch (e) {
    const err = toApiError(e);
    if (err.code !== 'not_found') throw err;
    throw fieldError('not_found', 'network', `Network ${name} does not exist.`, 'Pick one from the list or create it.');
  }
}

async function checkName(docker: Docker, name: string | undefined): Promise<void> {
  if (!name) return;
  try {
    const existing = await docker.getContainer(name).inspect();
    if (existing.Name.replace(/^\//, '') !== name) return; // matched an id prefix, not the name
    throw fieldError(
      'conflict',
      'name',
      `The name ${name} is already used by container ${existing.Id.slice(0, 12)}.`,
      'Pick another name, or remove that container first.',
    );
  } catch (e) {
    const err = toApiError(e);
    if (err.code !== 'not_found') throw err;
  }
}

/** Maps a failure of create/start to a clear error: a taken port names the port field. */
function startError(e: unknown, spec: RunSpecParsed): ApiError {
  const err = toApiError(e);
  if (!isPortTakenMessage(err.message)) return err;
  const i = spec.ports.findIndex((p) => p.hostPort !== undefined && err.message.includes(`:${p.hostPort} `));
  const port = spec.ports[i];
  const what = port ? `Host port ${port.hostPort}/${port.protocol} on ${port.hostIp}` : 'A host port';
  return new ApiError(
    'conflict',
    `${what} is already in use (${err.message}).`,
    'Pick another host port, or leave it empty for a free one.',
    [{ path: i >= 0 ? `ports.${i}.hostPort` : 'ports', message: `${what} is already in use.` }],
  );
}

export async function runContainer(docker: Docker, spec: RunSpecParsed, options: RunOptions): Promise<RunResult> {
  await checkImage(docker, spec.image);
  const envFromFile = spec.envFile?.trim() ? await readEnvFile(spec.envFile.trim()) : [];
  if (options.probePorts) await checkPorts(spec);
  await checkNetwork(docker, spec.network);
  await checkName(docker, spec.name);
  let container: Docker.Container;
  try {
    container = await docker.createContainer(toCreateOptions(spec, envFromFile));
  } catch (e) {
    throw startError(e, spec);
  }
  try {
    await container.start();
  } catch (e) {
    await container.remove({ force: true, v: true }).catch(() => {});
    throw startError(e, spec);
  }
  const info = await container.inspect().catch(() => undefined);
  return {
    id: container.id,
    name: info?.Name.replace(/^\//, '') ?? spec.name ?? container.id.slice(0, 12),
    warnings: [],
  };
}
