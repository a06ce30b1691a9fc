/**
 * Berth's authenticator for the client: a token-file read on every request (a rotated token is picked up,
 * a missing file named), and an exec plugin's token or client certificate put on the request.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { User } from '@kubernetes/client-node';
import {
  attachCredentialSource,
  berthAuthenticator,
  execCredentials,
  forgetCredential,
} from '../../../../../main/kube/auth/kubeconfigAuth';

const dir = mkdtempSync(join(tmpdir(), 'berth-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const user = (name: string): User => ({ name }) as User;

describe('Berth’s kubeconfig authenticator', () => {
  it('reads a token-file on every request, and names a missing one without its content', async () => {
    const file = join(dir, 'token');
    writeFileSync(file, 'first-token\n');
    const u = user('tf');
    expect(berthAuthenticator.isAuthProvider(u)).toBe(false);
    attachCredentialSource(u, { kind: 'tokenFile', file, user: 'tf' });
    expect(berthAuthenticator.isAuthProvider(u)).toBe(true);
    const opts: { headers?: Record<string, string> } = {};
    await berthAuthenticator.applyAuthentication(u, opts);
    expect(opts.headers?.Authorization).toBe('Bearer first-token');
    writeFileSync(file, 'rotated-token');
    await berthAuthenticator.applyAuthentication(u, opts);
    expect(opts.headers?.Authorization).toBe('Bearer rotated-token');
    rmSync(file);
    await expect(berthAuthenticator.applyAuthentication(u, {})).rejects.toMatchObject({
      code: 'not_found',
      message: `The token-file ${file} of kubeconfig user "tf" cannot be read (ENOENT).`,
    });
  });

  it('puts an exec plugin’s token, or its client certificate and key, on the request; a 401 forgets it', async () => {
    const print = (status: object) => [
      '-c',
      `echo run >> ${join(dir, 'runs')}; echo '${JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status })}'`,
    ];
    const exec = (args: string[]) => ({
      apiVersion: 'client.authentication.k8s.io/v1',
      command: '/bin/sh',
      args,
      interactiveMode: 'Never',
    });
    const withToken = user('token-user');
    attachCredentialSource(withToken, {
      kind: 'exec',
      request: { exec: exec(print({ token: 'from-plugin' })), user: 'token-user' },
    });
    const opts: { headers?: Record<string, string>; cert?: unknown; key?: unknown } = {};
    await berthAuthenticator.applyAuthentication(withToken, opts);
    expect(opts).toEqual({ headers: { Authorization: 'Bearer from-plugin' } });
    const runsBefore = execCredentials.runs;
    await berthAuthenticator.applyAuthentication(withToken, {});
    expect(execCredentials.runs).toBe(runsBefore);
    forgetCredential(withToken);
    await berthAuthenticator.applyAuthentication(withToken, {});
    expect(execCredentials.runs).toBe(runsBefore + 1);

    const withCert = user('cert-user');
    attachCredentialSource(withCert, {
      kind: 'exec',
      request: { exec: exec(print({ clientCertificateData: 'CERT', clientKeyData: 'KEY' })), user: 'cert-user' },
    });
    const certOpts: { headers?: Record<string, string>; cert?: unknown; key?: unknown } = {};
    await berthAuthenticator.applyAuthentication(withCert, certOpts);
    expect(certOpts).toEqual({ headers: {}, cert: 'CERT', key: 'KEY' });
  });
});
