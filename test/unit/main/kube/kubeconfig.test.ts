/**
 * Loading kubeconfig files the way kubectl does: KUBECONFIG's files merged (the first file to name a
 * cluster, user or context wins; the first current-context set wins), KUBECONFIG replacing ~/.kube/config,
 * relative paths read from each file's folder, the auth kind of each context (never its secret), and a
 * context's missing files named before any request. Also pins what @kubernetes/client-node's own
 * loadFromDefault does with the same files, which is why Berth merges them itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { configFor, kubeconfigFiles, loadKubeconfig } from '../../../../main/kube/kubeconfig';
import { readKubeconfigContexts } from '../../../../main/common/kubeconfigFiles';
import { credentialSource } from '../../../../main/kube/auth/kubeconfigAuth';

const env = { ...process.env };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-kc-'));
  delete process.env.BERTH_KUBECONFIG;
});
afterEach(() => {
  process.env = { ...env };
  rmSync(dir, { recursive: true, force: true });
});

/** A kubeconfig file with one cluster, user and context per name, the server telling which file it came from. */
const write = (file: string, tag: string, names: string[], current?: string) => {
  const path = join(dir, file);
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      ...names.map((n) => `- {name: ${n}, cluster: {server: "https://${n}.${tag}.example:6443"}}`),
      'users:',
      ...names.map((n) => `- {name: ${n}, user: {token: "${tag}-${n}-secret"}}`),
      'contexts:',
      ...names.map((n) => `- {name: ${n}, context: {cluster: ${n}, user: ${n}, namespace: ns-${tag}}}`),
      current === undefined ? '' : `current-context: "${current}"`,
    ].join('\n'),
  );
  return path;
};

describe('kubeconfig files merged with kubectl’s rules', () => {
  it('takes each name from the first file that has it, and the first current-context set', async () => {
    const a = write('a', 'a', ['one', 'shared'], '');
    const b = write('b', 'b', ['shared', 'two'], 'two');
    const c = write('c', 'c', ['three'], 'three');
    process.env.KUBECONFIG = [a, join(dir, 'missing'), b, c].join(delimiter);
    process.env.HOME = dir;
    mkdirSync(join(dir, '.kube'));
    write(join('.kube', 'config'), 'home', ['home'], 'home');
    // KUBECONFIG replaces ~/.kube/config.
    expect(kubeconfigFiles()).toEqual([a, b, c]);
    const { config } = await loadKubeconfig();
    expect(config.getContexts().map((x) => x.name)).toEqual(['one', 'shared', 'two', 'three']);
    expect(config.getCurrentContext()).toBe('two');
    expect(config.getCluster('shared')?.server).toBe('https://shared.a.example:6443');
    expect(config.getContextObject('shared')?.namespace).toBe('ns-a');
    // The list the renderer gets says the same, and no token.
    const listed = readKubeconfigContexts([a, b, c]);
    expect(listed.current).toBe('two');
    expect(listed.contexts.find((x) => x.name === 'shared')).toMatchObject({
      server: 'https://shared.a.example:6443',
      auth: 'token',
    });
    expect(JSON.stringify(listed)).not.toContain('secret');

    expect(kubeconfigFiles(b)).toEqual([b]);
    await expect(loadKubeconfig(join(dir, 'nope'))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('client-node’s loadFromDefault does not follow those rules (why Berth merges the files itself)', () => {
    const a = write('a', 'a', ['one'], 'one');
    const b = write('b', 'b', ['two'], 'two');
    process.env.KUBECONFIG = [a, b].join(delimiter);
    const kc = new KubeConfig();
    kc.loadFromDefault();
    // It merges, but the last file's current-context wins...
    expect(kc.getContexts().map((x) => x.name)).toEqual(['one', 'two']);
    expect(kc.getCurrentContext()).toBe('two');
    // ...and a name in two files is an error instead of the first file winning.
    const dup = write('dup', 'dup', ['one']);
    process.env.KUBECONFIG = [a, dup].join(delimiter);
    expect(() => new KubeConfig().loadFromDefault()).toThrow(/Duplicate cluster: one/);
  });

  it('reads relative paths from the file’s folder and names each context’s auth kind', () => {
    mkdirSync(join(dir, 'sub'));
    const file = join(dir, 'sub', 'config');
    writeFileSync(
      file,
      `apiVersion: v1
clusters:
- {name: c, cluster: {server: "https://c:6443", certificate-authority: ca.crt, insecure-skip-tls-verify: true, proxy-url: "http://u:pw@proxy:3128"}}
- {name: withcreds, cluster: {server: "https://admin:hunter2@c:6443"}}
users:
- {name: cert, user: {client-certificate: tls.crt, client-key: tls.key}}
- {name: certdata, user: {client-certificate-data: QQ==, client-key-data: QQ==}}
- {name: tok, user: {token: abc}}
- {name: tokfile, user: {token-file: token}}
- {name: ex, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/plugin, interactiveMode: Never}}}
- {name: basic, user: {username: u, password: p}}
contexts:
- {name: cert, context: {cluster: c, user: cert}}
- {name: certdata, context: {cluster: c, user: certdata}}
- {name: tok, context: {cluster: c, user: tok}}
- {name: tokfile, context: {cluster: c, user: tokfile}}
- {name: ex, context: {cluster: c, user: ex}}
- {name: basic, context: {cluster: c, user: basic}}
- {name: nouser, context: {cluster: c}}
- {name: withcreds, context: {cluster: withcreds}}
`,
    );
    const { contexts } = readKubeconfigContexts([file]);
    expect(contexts.pop()).toMatchObject({ name: 'withcreds', server: 'https://c:6443' });
    expect(contexts.map((c) => [c.name, c.auth])).toEqual([
      ['cert', 'clientCertificate'],
      ['certdata', 'clientCertificate'],
      ['tok', 'token'],
      ['tokfile', 'tokenFile'],
      ['ex', 'exec'],
      ['basic', 'basic'],
      ['nouser', 'none'],
    ]);
    expect(contexts[4]).toMatchObject({ execCommand: 'plugin', insecure: true, proxyUrl: 'http://proxy:3128' });
    expect(JSON.stringify(contexts)).not.toMatch(/pw|abc|QQ==|hunter2/);
  });

  it('hands exec and token-file users to Berth’s authenticator, with paths from the file’s folder', async () => {
    mkdirSync(join(dir, 'sub'));
    const file = join(dir, 'sub', 'config');
    writeFileSync(
      file,
      `apiVersion: v1
clusters:
- {name: c, cluster: {server: "https://c:6443", certificate-authority: ca.crt}}
users:
- {name: tokfile, user: {token-file: token}}
- {name: ex, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: ./bin/plugin, provideClusterInfo: true}}}
- {name: cert, user: {client-certificate: tls.crt, client-key: tls.key}}
contexts:
- {name: tokfile, context: {cluster: c, user: tokfile}}
- {name: ex, context: {cluster: c, user: ex}}
- {name: cert, context: {cluster: c, user: cert}}
`,
    );
    writeFileSync(join(dir, 'sub', 'ca.crt'), 'not checked here');
    const { config } = await loadKubeconfig(file);
    expect(config.getCluster('c')?.caFile).toBe(join(dir, 'sub', 'ca.crt'));
    const tokfile = config.getUser('tokfile');
    expect(tokfile?.token).toBeFalsy();
    expect(credentialSource(tokfile!)).toEqual({ kind: 'tokenFile', file: join(dir, 'sub', 'token'), user: 'tokfile' });
    const ex = await configFor('ex', file);
    const source = credentialSource(ex.getCurrentUser()!);
    expect(ex.getCurrentUser()?.exec).toBeFalsy();
    expect(source).toMatchObject({
      kind: 'exec',
      request: {
        user: 'ex',
        exec: { command: join(dir, 'sub', 'bin', 'plugin') },
        cluster: { server: 'https://c:6443' },
      },
    });
    // A missing client certificate is named, with its context, before any request.
    await expect(configFor('cert', file)).rejects.toMatchObject({
      code: 'not_found',
      message: `The client-certificate file ${join(dir, 'sub', 'tls.crt')} of user "cert" (context "cert") does not exist.`,
    });
  });

  it('names a missing certificate-authority file and a context whose cluster is not there', async () => {
    const file = join(dir, 'config');
    writeFileSync(
      file,
      `clusters:
- {name: c, cluster: {server: "https://c:6443", certificate-authority: /nowhere/ca.crt}}
- {name: broken, cluster: {insecure-skip-tls-verify: true}}
users: [{name: u, user: {token: t}}]
contexts:
- {name: ok-but-no-ca, context: {cluster: c, user: u}}
- {name: no-server, context: {cluster: broken, user: u}}
`,
    );
    await expect(configFor('ok-but-no-ca', file)).rejects.toMatchObject({
      code: 'not_found',
      message: 'The certificate-authority file /nowhere/ca.crt of cluster "c" (context "ok-but-no-ca") does not exist.',
      hint: expect.stringContaining('Fix the certificate-authority path'),
    });
    await expect(configFor('no-server', file)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
