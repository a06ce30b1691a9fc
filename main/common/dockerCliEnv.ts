/**
 * The environment for the user's docker CLI (buildx, login, compose) so that it talks to the engine Berth is
 * connected to, not whichever one the shell would pick. An engine found through the current docker context
 * is the CLI's own choice too, so the context (with its TLS settings) is left in charge then.
 */

export interface CliEndpoint {
  /** unix:///…, npipe:////…, tcp://…, ssh://… */
  url: string;
  /** How Berth found it: "Settings", "DOCKER_HOST", `docker context "x"`, "default socket", … */
  source: string;
}

export function dockerCliEnv(endpoint: CliEndpoint, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (endpoint.source.startsWith('docker context')) return { ...base };
  const env: NodeJS.ProcessEnv = { ...base, DOCKER_HOST: endpoint.url };
  // The CLI refuses DOCKER_HOST together with a context; the host is what Berth uses.
  delete env.DOCKER_CONTEXT;
  return env;
}
