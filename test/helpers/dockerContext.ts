/** Writes a docker context into a DOCKER_CONFIG folder as `docker context create` stores it (meta.json). */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
