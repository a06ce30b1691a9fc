/** How the contexts list names a context's credential kind and its connection warnings. */
import type { KubeContext } from '../../../contract/kube';

const LABELS: Record<KubeContext['auth'], string> = {
  clientCertificate: 'client certificate',
  token: 'bearer token',
  tokenFile: 'token file',
  exec: 'exec plugin',
  authProvider: 'auth provider',
  basic: 'username and password',
  none: 'no credentials',
};

/** "exec plugin (aws)", "client certificate", ... */
export const authLabel = (c: Pick<KubeContext, 'auth' | 'execCommand'>): string =>
  c.auth === 'exec' && c.execCommand ? `${LABELS.exec} (${c.execCommand})` : LABELS[c.auth];

export const INSECURE_WARNING =
  'TLS not verified: this context sets insecure-skip-tls-verify, so Berth cannot tell the real API server from an impostor.';
