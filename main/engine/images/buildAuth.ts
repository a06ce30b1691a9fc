/**
 * Credentials for the base images a build pulls: the registries named in the Dockerfile's FROM lines,
 * looked up like a pull's, sent as X-Registry-Config (server → credentials).
 */
import { parseDockerfile } from './buildDockerfile';
import { parseReference } from './imageReference';
import { resolveAuth, type AuthDeps, type RegistryAuth } from './registryAuth';

/** The registry hosts of the FROM images, skipping earlier stage names, `scratch` and `$ARG` references. */
export function baseImageRegistries(dockerfile: string): string[] {
  const stages = new Set<string>();
  const hosts = new Set<string>();
  for (const { text } of parseDockerfile(dockerfile)) {
    const m = /^from\s+(?:--\S+\s+)*(\S+)(?:\s+as\s+(\S+))?/i.exec(text);
    if (!m) continue;
    const image = m[1] ?? '';
    if (m[2]) stages.add(m[2].toLowerCase());
    if (image === 'scratch' || image.includes('$') || stages.has(image.toLowerCase())) continue;
    try {
      hosts.add(parseReference(image).domain);
    } catch {
      /* the engine will say what is wrong with it */
    }
  }
  return [...hosts];
}

export async function buildRegistryConfig(
  dockerfile: string,
  deps?: AuthDeps,
): Promise<Record<string, RegistryAuth> | undefined> {
  const out: Record<string, RegistryAuth> = {};
  for (const host of baseImageRegistries(dockerfile)) {
    const auth = await resolveAuth(host, deps);
    if (auth) out[auth.serveraddress] = auth;
  }
  return Object.keys(out).length ? out : undefined;
}
