/**
 * Local kind node images, offered in the create dialog for air-gapped machines: images tagged like a node
 * image (kindest/node, or a name with "kind" and "node") whose entrypoint is kind's
 * (/usr/local/bin/entrypoint), so an unrelated image named "node" is not offered.
 */
import type Docker from 'dockerode';

const CANDIDATE = /(^|\/)kindest\/node:|kind.*node|node.*kind/i;
const KIND_ENTRYPOINT = '/usr/local/bin/entrypoint';

export async function localKindNodeImages(docker: Docker): Promise<string[]> {
  const images = await docker.listImages();
  const tags = images.flatMap((i) => (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>' && CANDIDATE.test(t)));
  const checked = await Promise.all(
    tags.map(async (tag) => {
      const info = await docker
        .getImage(tag)
        .inspect()
        .catch(() => undefined);
      return info?.Config?.Entrypoint?.includes(KIND_ENTRYPOINT) ? tag : undefined;
    }),
  );
  return checked.filter((t): t is string => Boolean(t)).sort();
}
