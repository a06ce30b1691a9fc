/**
 * Looks for secret material (private keys, passphrases, tokens) in what Berth wrote or sent: log lines,
 * messages the renderer received, and every file under the config dirs (settings.json, programs.json, …).
 * A PEM or OpenSSH key is matched by each line of its base64 body, so a fragment is caught too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Secret {
  name: string;
  text: string;
}

/** The fragments of a secret worth looking for: each long base64 line of a key, or the whole short secret. */
function fragments(secret: string): string[] {
  const lines = secret
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('-----'));
  const long = lines.filter((l) => l.length >= 24);
  return long.length ? long : [secret.trim()];
}

function filesUnder(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const s = statSync(path);
    if (s.isDirectory()) out = out.concat(filesUnder(path));
    else if (s.size < 16 * 1024 * 1024) out.push(path);
  }
  return out;
}

/** Where each secret was found (empty when nowhere). */
export function scanForSecrets(secrets: Secret[], where: { texts: string[]; dirs: string[] }): string[] {
  const found: string[] = [];
  const places = [
    ...where.texts.map((text, i) => ({ place: `message ${i}`, text })),
    ...where.dirs.flatMap(filesUnder).map((path) => ({ place: path, text: readFileSync(path, 'utf8') })),
  ];
  for (const secret of secrets) {
    const parts = fragments(secret.text);
    for (const { place, text } of places) {
      // JSON escapes newlines but not base64: a fragment is found in either form.
      if (parts.some((p) => text.includes(p))) found.push(`${secret.name} in ${place}`);
    }
  }
  return found;
}
