/**
 * Loads @kubernetes/client-node on first use: it is large, and only the Kubernetes view needs it, so main
 * starts without it. (package.json pins its HTTP client, undici, to v7: v8 requires Node 22, and the web
 * bridge also runs on Node 20.)
 */
type ClientNode = typeof import('@kubernetes/client-node');

let loading: Promise<ClientNode> | undefined;

export function k8s(): Promise<ClientNode> {
  loading ??= import('@kubernetes/client-node');
  return loading;
}
