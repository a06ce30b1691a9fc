/**
 * The TLS material of a tcp:// endpoint, read when connecting: ca.pem (to verify the engine), cert.pem and
 * key.pem (Berth's client certificate) from the folder the CLI would use. A verifying endpoint without its
 * CA or client certificate is refused with what is missing; Berth never falls back to plain http. The key
 * is only handed to Node's TLS; it is never logged or sent to the renderer.
 */
import { join } from 'node:path';
import { ApiError } from '../../../contract/errors';
import type { EndpointTls } from '../dockerContexts';

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
}

export const TLS_HINT =
  'Point DOCKER_CERT_PATH (or the docker context) at a folder with ca.pem, cert.pem and key.pem from the engine\'s administrator, e.g. `docker context create remote --docker "host=tcp://HOST:2376,ca=ca.pem,cert=cert.pem,key=key.pem"`.';

export function readTlsMaterial(tls: EndpointTls, readFile: (path: string) => Buffer | undefined): TlsMaterial {
  const file = (name: string) => readFile(join(tls.certDir, name));
  const ca = file('ca.pem');
  const cert = file('cert.pem');
  const key = file('key.pem');
  if (tls.verify && !ca) {
    throw new ApiError(
      'engine_unreachable',
      `No CA certificate (ca.pem) in ${tls.certDir} to verify the engine.`,
      TLS_HINT,
    );
  }
  if (!!cert !== !!key) {
    const missing = cert ? 'key.pem' : 'cert.pem';
    throw new ApiError(
      'engine_unreachable',
      `The client certificate in ${tls.certDir} is incomplete: ${missing} is missing.`,
      TLS_HINT,
    );
  }
  return { ca, cert, key, rejectUnauthorized: tls.verify };
}
