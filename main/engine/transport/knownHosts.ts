/**
 * OpenSSH's known_hosts, read the way `ssh` reads it: plain and hashed (`|1|salt|hash`) host patterns,
 * `[host]:port` for a port other than 22, wildcards and negations, `@revoked` keys. An engine reached over
 * ssh:// is only trusted when its host key is listed; an unknown key is reported with its fingerprint so the
 * user can accept it, a changed one is refused. Accepting appends one line, as `ssh` does on "yes".
 */
import { createHash, createHmac } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface HostKey {
  /** ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa, … (from the key blob itself). */
  type: string;
  /** The key blob, base64 as known_hosts writes it. */
  base64: string;
  /** SHA256:… as `ssh-keygen -lf` and ssh's prompt print it. */
  fingerprint: string;
}

export type HostKeyVerdict =
  | { status: 'known' }
  | { status: 'unknown' }
  /** The host is listed with another key of the same type: possibly an attack; never accepted silently. */
  | { status: 'changed'; file: string; line: number }
  | { status: 'revoked'; file: string; line: number };

/** The name a host is listed under: `host`, or `[host]:port` for another port. */
export const knownHostName = (host: string, port: number): string => (port === 22 ? host : `[${host}]:${port}`);

/** Reads a key blob (the SSH wire format: a length-prefixed type name first). */
export function hostKeyOf(blob: Buffer): HostKey {
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  const type = blob.subarray(4, 4 + length).toString('latin1') || 'unknown';
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  return { type, base64: blob.toString('base64'), fingerprint };
}

function patternMatches(pattern: string, name: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  const re = new RegExp(
    `^${pattern
      .toLowerCase()
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(name.toLowerCase());
}

/** Whether a comma-separated host list names the host (a matching `!pattern` excludes it). */
function listMatches(patterns: string, name: string): boolean {
  let matched = false;
  for (const p of patterns.split(',')) {
    if (p.startsWith('!')) {
      if (patternMatches(p.slice(1), name)) return false;
    } else if (patternMatches(p, name)) matched = true;
  }
  return matched;
}

/** Checks a host key against known_hosts files (given as their text). */
export function checkHostKey(
  files: Array<{ path: string; text: string }>,
  host: string,
  port: number,
  key: HostKey,
): HostKeyVerdict {
  const name = knownHostName(host, port);
  let known = false;
  let changed: HostKeyVerdict | undefined;
  for (const file of files) {
    const lines = file.text.split('\n');
    for (const [i, raw] of lines.entries()) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const fields = line.split(/\s+/);
      const marker = fields[0]?.startsWith('@') ? fields.shift() : undefined;
      const [patterns, type, base64] = fields;
      if (!patterns || !type || !base64 || marker === '@cert-authority') continue;
      if (!listMatches(patterns, name)) continue;
      if (marker === '@revoked') {
        if (base64 === key.base64) return { status: 'revoked', file: file.path, line: i + 1 };
        continue;
      }
      if (type === key.type && base64 === key.base64) known = true;
      else if (type === key.type) changed ??= { status: 'changed', file: file.path, line: i + 1 };
    }
  }
  if (known) return { status: 'known' };
  return changed ?? { status: 'unknown' };
}

/** Key types listed for the host, so the handshake asks for one of those first (as `ssh` does). */
export function knownKeyTypes(files: Array<{ text: string }>, host: string, port: number): string[] {
  const name = knownHostName(host, port);
  const types = new Set<string>();
  for (const file of files) {
    for (const raw of file.text.split('\n')) {
      const fields = raw.trim().split(/\s+/);
      if (!fields[0] || fields[0].startsWith('#') || fields[0].startsWith('@')) continue;
      if (fields[1] && listMatches(fields[0], name)) types.add(fields[1]);
    }
  }
  return [...types];
}

/** Appends the host's key (what `ssh` does when the user answers "yes"); creates the file 0600 if needed. */
export function appendKnownHost(path: string, host: string, port: number, key: Pick<HostKey, 'type' | 'base64'>): void {
  if (!existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const isNew = !existsSync(path);
  appendFileSync(path, `${knownHostName(host, port)} ${key.type} ${key.base64}\n`, { mode: 0o600 });
  if (isNew) chmodSync(path, 0o600);
}
