/** Listed containers (main's, summaries and all) for unit tests: what a test does not name is the plain default. */
import type { ListedContainer } from '../../main/common/listedContainer';

export const containerSummary = (over: Partial<ListedContainer> & { id: string }): ListedContainer => ({
  name: `c-${over.id}`,
  image: 'busybox',
  imageId: 'sha256:x',
  created: 1,
  state: 'running',
  status: 'Up',
  ports: [],
  labels: {},
  volumes: [],
  networks: [],
  ...over,
});

/** A container of a compose stack, with the labels compose writes. */
export const composeMember = (
  id: string,
  project: string,
  service: string,
  state: string,
  extra: Record<string, string> = {},
): ListedContainer =>
  containerSummary({
    id,
    name: `${project}_${service}_${id}`,
    created: Number(id),
    state,
    status: state,
    labels: {
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.project.working_dir': '/srv/app',
      'com.docker.compose.project.config_files': 'compose.yaml,/etc/extra.yml',
      ...extra,
    },
  });
