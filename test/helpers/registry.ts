/** The test registry on 127.0.0.1:5000 (started by CI, with delete enabled). */

export const REGISTRY = '127.0.0.1:5000';

/** Deletes `repo:tag`'s manifest from the test registry; nothing to do when it is not there. */
export async function deleteFromRegistry(repo: string, tag: string): Promise<void> {
  const url = `http://${REGISTRY}/v2/${repo}/manifests/${tag}`;
  const head = await fetch(url, {
    method: 'HEAD',
    headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
  }).catch(() => undefined);
  const digest = head?.headers.get('docker-content-digest');
  if (digest) await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${digest}`, { method: 'DELETE' });
}
