/**
 * The environment for the user's docker CLI (buildx, login, compose) so that it talks to the engine Berth is
 * connected to, not whichever one the shell would pick: the docker context Berth uses (`DOCKER_CONTEXT`,
 * which carries its own TLS material), else `DOCKER_HOST` with `DOCKER_TLS_VERIFY`/`DOCKER_CERT_PATH` when
 * the engine is reached over TLS. An ssh:// host is handed over as is: the CLI runs the user's `ssh`.
 * docker-compose v1 (docker-py) reads no DOCKER_CONTEXT, only config.json's currentContext: it is given the
 * context's host and TLS material as DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH instead, without
 * REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE, which python-requests lets replace the engine's CA (psf/requests#3829).
 * docker-py then wants a client certificate (cert.pem, key.pem) in DOCKER_CERT_PATH and refuses to start
 * without one; compose/failure.ts says so in plain words.
 */

export interface CliEndpoint {
  /** unix:///…, npipe:////…, tcp://…, ssh://… */
  url: string;
  /** How Berth found it: "Settings", "DOCKER_HOST", `docker context "x"`, "default socket", … */
  source: string;
  /** The docker context it is, when it came from one ("default" is DOCKER_HOST or the default socket). */
  context?: string;
  /** TLS for tcp://: the folder with ca.pem, cert.pem, key.pem, and whether the server is verified. */
  tls?: { certDir: string; verify: boolean };
}

const TRANSPORT_VARS = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_TLS', 'DOCKER_CERT_PATH'];

export interface CliEnvOptions {
  /** The program is docker-compose v1, built on docker-py and python-requests (see above). */
  dockerPy?: boolean;
}

export function dockerCliEnv(
  endpoint: CliEndpoint,
  base: NodeJS.ProcessEnv = process.env,
  { dockerPy = false }: CliEnvOptions = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of TRANSPORT_VARS) delete env[name];
  if (!dockerPy && endpoint.context && endpoint.context !== 'default') {
    // The CLI lets DOCKER_HOST win over DOCKER_CONTEXT: with it gone, the context (and its TLS) is in charge.
    env.DOCKER_CONTEXT = endpoint.context;
    return env;
  }
  env.DOCKER_HOST = endpoint.url;
  if (endpoint.tls) {
    if (dockerPy) {
      delete env.REQUESTS_CA_BUNDLE;
      delete env.CURL_CA_BUNDLE;
    }
    env.DOCKER_CERT_PATH = endpoint.tls.certDir;
    if (endpoint.tls.verify) env.DOCKER_TLS_VERIFY = '1';
    else env.DOCKER_TLS = '1';
  }
  return env;
}
