import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkHostKey, hostKeyOf, knownHostName, knownKeyTypes } from '../../../../../main/engine/transport/knownHosts';

/** An SSH key blob: a length-prefixed type name, then (here random) key material. */
const blob = (type: string) => {
  const name = Buffer.from(type, 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(name.length);
  return Buffer.concat([len, name, randomBytes(32)]);
};

describe('known_hosts', () => {
  const key = hostKeyOf(blob('ssh-ed25519'));
  const other = hostKeyOf(blob('ssh-ed25519'));
  const rsa = hostKeyOf(blob('ssh-rsa'));

  it('reads the key type and an ssh-style SHA256 fingerprint from the blob', () => {
    expect(key.type).toBe('ssh-ed25519');
    expect(key.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('names a host on another port [host]:port, as ssh does', () => {
    expect(knownHostName('build', 22)).toBe('build');
    expect(knownHostName('build', 2222)).toBe('[build]:2222');
  });

  it('knows a listed key, plain, in a list, wildcarded or hashed', () => {
    const salt = randomBytes(20);
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[build]:2222').digest('base64')}`;
    const files = [
      { path: 'a', text: `# comment\nother,build ${key.type} ${key.base64}\n` },
      { path: 'b', text: `*.lab ${key.type} ${key.base64}\n${hashed} ${key.type} ${key.base64}\n` },
    ];
    expect(checkHostKey(files, 'build', 22, key).status).toBe('known');
    expect(checkHostKey(files, 'x.lab', 22, key).status).toBe('known');
    expect(checkHostKey(files, 'build', 2222, key).status).toBe('known');
    expect(checkHostKey(files, 'elsewhere', 22, key).status).toBe('unknown');
  });

  it('calls another key of the same type changed, and a key of another type unknown', () => {
    const files = [{ path: '/h/.ssh/known_hosts', text: `build ${key.type} ${key.base64}\n` }];
    expect(checkHostKey(files, 'build', 22, other)).toEqual({
      status: 'changed',
      file: '/h/.ssh/known_hosts',
      line: 1,
    });
    expect(checkHostKey(files, 'build', 22, rsa).status).toBe('unknown');
    expect(knownKeyTypes(files, 'build', 22)).toEqual(['ssh-ed25519']);
  });

  it('refuses a revoked key and honours negated patterns', () => {
    const files = [
      { path: 'f', text: `@revoked * ${key.type} ${key.base64}\n*,!build ${other.type} ${other.base64}\n` },
    ];
    expect(checkHostKey(files, 'build', 22, key).status).toBe('revoked');
    expect(checkHostKey(files, 'build', 22, other).status).toBe('unknown');
    expect(checkHostKey(files, 'x', 22, other).status).toBe('known');
  });
});
