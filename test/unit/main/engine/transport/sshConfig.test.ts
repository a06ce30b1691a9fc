import { describe, expect, it } from 'vitest';
import { resolveSshTarget, type SshConfigEnv } from '../../../../../main/engine/transport/sshConfig';

const CONFIG = `
Host build
  HostName 10.0.0.2
  User dev
  Port 2222
  IdentityFile ~/.ssh/build_key
  IdentityFile %d/keys/%r@%h
  IdentitiesOnly yes

Host *.lab
  User labuser

Host *
  Port 2200
`;

const env = (config?: string): SshConfigEnv => ({
  home: '/home/me',
  user: 'me',
  readFile: (p) => (p === '/home/me/.ssh/config' ? config : undefined),
});

describe('resolveSshTarget (~/.ssh/config for ssh:// engines)', () => {
  it('turns a Host alias into its HostName, User, Port and identity files', () => {
    expect(resolveSshTarget('ssh://build', env(CONFIG))).toEqual({
      host: '10.0.0.2',
      port: 2222,
      username: 'dev',
      identityFiles: ['/home/me/.ssh/build_key', '/home/me/keys/dev@10.0.0.2'],
      identitiesOnly: true,
      alias: 'build',
    });
  });

  it('lets the URL user and port win over the config, as ssh -l and -p do', () => {
    const t = resolveSshTarget('ssh://ops@build:2022', env(CONFIG));
    expect(t).toMatchObject({ host: '10.0.0.2', port: 2022, username: 'ops' });
    expect(t.identityFiles).toContain('/home/me/keys/ops@10.0.0.2');
  });

  it('applies wildcard sections, first value wins', () => {
    expect(resolveSshTarget('ssh://box.lab', env(CONFIG))).toMatchObject({
      host: 'box.lab',
      port: 2200,
      username: 'labuser',
      identityFiles: [],
      identitiesOnly: false,
    });
    expect(resolveSshTarget('ssh://box.lab', env(CONFIG)).alias).toBeUndefined();
  });

  it('falls back to the URL, the local user and port 22 without a config', () => {
    expect(resolveSshTarget('ssh://host.example', env())).toEqual({
      host: 'host.example',
      port: 22,
      username: 'me',
      identityFiles: [],
      identitiesOnly: false,
    });
    expect(resolveSshTarget('ssh://u@[::1]:23', env())).toMatchObject({ host: '::1', port: 23, username: 'u' });
  });

  it('ignores IdentityFile none and refuses a URL that is not ssh://', () => {
    expect(resolveSshTarget('ssh://x', env('Host x\n  IdentityFile none\n')).identityFiles).toEqual([]);
    expect(() => resolveSshTarget('tcp://x:1', env())).toThrow(/Not an ssh:\/\/ engine address/);
  });
});
