/** Docker contexts for tests, stored as `docker context create` stores them (meta.json). */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_BUSYBOX } from './docker';
import { secondEngine, type SecondEngine } from './secondEngine';

/** Writes a docker context into a DOCKER_CONFIG folder. */
export function writeDockerContext(configDir: string, name: string, host: string, description = ''): void {
  const hash = createHash('sha256').update(name).digest('hex');
  mkdirSync(join(configDir, 'contexts', 'meta', hash), { recursive: true });
  writeFileSync(
    join(configDir, 'contexts', 'meta', hash, 'meta.json'),
    JSON.stringify({
      Name: name,
      Metadata: { Description: description },
      Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
    }),
  );
}

/**
 * A private dockerd (secondEngine) as the docker context "second" of a DOCKER_CONFIG made here, with the
 * busybox fixture loaded; `env` is an environment whose "default" engine is the shared one.
 */
export async function secondEngineContext(): Promise<{
  second: SecondEngine;
  env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}> {
  const dockerConfig = mkdtempSync(join(tmpdir(), 'berth-second-context-'));
  const second = secondEngine();
  await second.start();
  await second.loadImage(FIXTURE_BUSYBOX);
  writeDockerContext(dockerConfig, 'second', second.url, 'a private dockerd');
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: dockerConfig };
  for (const k of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'BERTH_DOCKER_HOST']) delete env[k];
  return {
    second,
    env,
    dispose: async () => {
      await second.dispose();
      rmSync(dockerConfig, { recursive: true, force: true });
    },
  };
}
