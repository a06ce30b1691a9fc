/**
 * Exec credential plugins with a fake runner and clock: the request in KUBERNETES_EXEC_INFO, args and env,
 * interactiveMode, the cache until expirationTimestamp (one run for concurrent requests), and errors that
 * quote stderr but never what the plugin printed on stdout.
 */
import { describe, expect, it } from 'vitest';
import {
  ExecCredentials,
  type ExecConfig,
  type PluginRun,
  type RunPlugin,
} from '../../../../../main/kube/auth/execCredential';

const V1 = 'client.authentication.k8s.io/v1';
const V1BETA1 = 'client.authentication.k8s.io/v1beta1';

function fake(answer: (n: number, env: NodeJS.ProcessEnv, args: string[]) => Partial<PluginRun>) {
  const calls: Array<{ command: string; args: string[]; env: NodeJS.ProcessEnv }> = [];
  const run: RunPlugin = async (command, args, env) => {
    calls.push({ command, args, env });
    await new Promise((r) => setTimeout(r, 5));
    return { code: 0, stdout: '', stderr: '', ...answer(calls.length, env, args) };
  };
  return { run, calls };
}

const credential = (apiVersion: string, status: Record<string, string>) =>
  JSON.stringify({ apiVersion, kind: 'ExecCredential', status });

const exec = (more: Partial<ExecConfig> = {}): ExecConfig => ({
  apiVersion: V1,
  command: 'get-token',
  args: ['--cluster', 'dev'],
  env: [{ name: 'PROFILE', value: 'team' }],
  interactiveMode: 'IfAvailable',
  ...more,
});

describe('exec credential plugins', () => {
  it('runs the plugin with its args, env and the ExecCredential request, and caches the answer until it expires', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { run, calls } = fake((n) => ({
      stdout: credential(V1, { token: `token-${n}`, expirationTimestamp: new Date(now + 60_000).toISOString() }),
    }));
    const creds = new ExecCredentials(
      run,
      () => now,
      () => ({ PATH: '/bin', PROFILE: 'mine' }),
    );
    const request = { exec: exec(), user: 'dev-user' };
    // Concurrent requests (a view opening several watches) wait for one run.
    const first = await Promise.all([creds.get(request), creds.get(request), creds.get(request)]);
    expect(first.map((s) => s.token)).toEqual(['token-1', 'token-1', 'token-1']);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ command: 'get-token', args: ['--cluster', 'dev'] });
    expect(calls[0]!.env).toMatchObject({ PATH: '/bin', PROFILE: 'team' });
    expect(JSON.parse(calls[0]!.env.KUBERNETES_EXEC_INFO ?? '')).toEqual({
      apiVersion: V1,
      kind: 'ExecCredential',
      spec: { interactive: false },
    });
    now += 59_000;
    expect((await creds.get(request)).token).toBe('token-1');
    expect(calls).toHaveLength(1);
    now += 1_000;
    expect((await creds.get(request)).token).toBe('token-2');
    expect(calls).toHaveLength(2);
    // Forgotten (the server refused it): run again.
    creds.forget(request);
    expect((await creds.get(request)).token).toBe('token-3');
  });

  it('keeps an answer without expirationTimestamp, and runs separate plugin configurations separately', async () => {
    const { run, calls } = fake((n, _env, args) => ({ stdout: credential(V1BETA1, { token: `${args[0]}-${n}` }) }));
    const creds = new ExecCredentials(run);
    const a = { exec: exec({ apiVersion: V1BETA1, args: ['a'], interactiveMode: undefined }), user: 'a' };
    const b = { exec: exec({ apiVersion: V1BETA1, args: ['b'] }), user: 'b' };
    expect((await creds.get(a)).token).toBe('a-1');
    expect((await creds.get(b)).token).toBe('b-2');
    expect((await creds.get(a)).token).toBe('a-1');
    expect(calls).toHaveLength(2);
    // v1beta1 without interactiveMode means IfAvailable, run without a terminal.
    expect(JSON.parse(calls[0]!.env.KUBERNETES_EXEC_INFO ?? '').spec).toEqual({ interactive: false });
  });

  it('passes the cluster only when provideClusterInfo asks for it', async () => {
    const { run, calls } = fake(() => ({ stdout: credential(V1, { token: 't' }) }));
    const creds = new ExecCredentials(run);
    const cluster = { server: 'https://c:6443', 'certificate-authority-data': 'Q0E=' };
    await creds.get({ exec: exec({ provideClusterInfo: true }), user: 'u', cluster });
    await creds.get({ exec: exec(), user: 'u', cluster });
    expect(JSON.parse(calls[0]!.env.KUBERNETES_EXEC_INFO ?? '').spec.cluster).toEqual(cluster);
    expect(JSON.parse(calls[1]!.env.KUBERNETES_EXEC_INFO ?? '').spec.cluster).toBeUndefined();
  });

  it('returns a client certificate and key when that is what the plugin gives', async () => {
    const { run } = fake(() => ({ stdout: credential(V1, { clientCertificateData: 'CERT', clientKeyData: 'KEY' }) }));
    expect(await new ExecCredentials(run).get({ exec: exec(), user: 'u' })).toMatchObject({
      clientCertificateData: 'CERT',
      clientKeyData: 'KEY',
    });
  });

  it('refuses interactiveMode Always (Berth has no terminal) and a v1 entry without interactiveMode, running nothing', async () => {
    const { run, calls } = fake(() => ({ stdout: credential(V1, { token: 't' }) }));
    const creds = new ExecCredentials(run);
    await expect(creds.get({ exec: exec({ interactiveMode: 'Always' }), user: 'u' })).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringContaining('needs a terminal'),
      hint: expect.stringContaining('interactiveMode: IfAvailable'),
    });
    await expect(creds.get({ exec: exec({ interactiveMode: undefined }), user: 'u' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('no interactiveMode'),
    });
    await expect(
      creds.get({ exec: exec({ apiVersion: 'client.authentication.k8s.io/v1alpha1' }), user: 'u' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(calls).toHaveLength(0);
  });

  it('a failing plugin: its stderr and exit code in the error, never its stdout; the next request runs it again', async () => {
    const { run, calls } = fake((n) =>
      n === 1
        ? { code: 3, stdout: credential(V1, { token: 'leaked-token' }), stderr: 'error: refresh token expired\n' }
        : { stdout: credential(V1, { token: 'good' }) },
    );
    const creds = new ExecCredentials(run);
    const request = { exec: exec(), user: 'u' };
    const error = await creds.get(request).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'failed',
      message: 'The credential plugin "get-token" of kubeconfig user "u" failed (exit 3): error: refresh token expired',
      hint: expect.stringContaining('sign in again'),
    });
    expect(JSON.stringify(error)).not.toContain('leaked-token');
    expect((await creds.get(request)).token).toBe('good');
    expect(calls).toHaveLength(2);
  });

  it('names a missing program (with the kubeconfig’s installHint), a timeout and output that is no ExecCredential', async () => {
    const enoent = Object.assign(new Error('spawn get-token ENOENT'), { code: 'ENOENT' });
    const missing = new ExecCredentials(fake(() => ({ code: -2, error: enoent })).run);
    await expect(
      missing.get({ exec: exec({ installHint: 'brew install get-token' }), user: 'u' }),
    ).rejects.toMatchObject({ code: 'tool_missing', hint: 'brew install get-token' });
    const slow = new ExecCredentials(fake(() => ({ code: null, error: 'timeout' })).run);
    await expect(slow.get({ exec: exec(), user: 'u' })).rejects.toMatchObject({
      message: expect.stringContaining('did not answer within'),
    });
    const garbage = new ExecCredentials(fake(() => ({ stdout: 'token: secret-in-text' })).run);
    const e1 = await garbage.get({ exec: exec(), user: 'u' }).catch((e: unknown) => e);
    expect(e1).toMatchObject({ code: 'failed', message: expect.stringContaining('not JSON') });
    expect(JSON.stringify(e1)).not.toContain('secret-in-text');
    const wrongVersion = new ExecCredentials(fake(() => ({ stdout: credential(V1BETA1, { token: 'sekrit' }) })).run);
    const e2 = await wrongVersion.get({ exec: exec(), user: 'u' }).catch((e: unknown) => e);
    expect(e2).toMatchObject({ message: expect.stringContaining(`not ExecCredential ${V1}`) });
    expect(JSON.stringify(e2)).not.toContain('sekrit');
    const empty = new ExecCredentials(fake(() => ({ stdout: credential(V1, {}) })).run);
    await expect(empty.get({ exec: exec(), user: 'u' })).rejects.toMatchObject({
      message: expect.stringContaining('without a token'),
    });
  });
});
