/** Container summaries for unit tests: what a test does not name is the plain default. */
import type { ContainerSummary } from '../../contract/containers';

export const containerSummary = (over: Partial<ContainerSummary> & { id: string }): ContainerSummary => ({
  name: `c-${over.id}`,
  image: 'busybox',
  imageId: 'sha256:x',
  command: '',
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
): ContainerSummary =>
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
