/** Stacks grouped from container labels, whoever started them. */
import { describe, expect, it } from 'vitest';
import { groupStacks } from '../../../../main/compose/stacks';
import type { ContainerSummary } from '../../../../contract/containers';

const container = (id: string, project: string, service: string, state: string, extra: Record<string, string> = {}) =>
  ({
    id,
    name: `${project}_${service}_${id}`,
    image: 'x',
    imageId: 'sha256:x',
    command: '',
    created: Number(id),
    state,
    status: state,
    ports: [],
    labels: {
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.project.working_dir': '/srv/app',
      'com.docker.compose.project.config_files': 'compose.yaml,/etc/extra.yml',
      ...extra,
    },
  }) satisfies ContainerSummary;

describe('stacks from container labels', () => {
  it('groups by project and service, with state and absolute files', () => {
    const stacks = groupStacks([
      container('1', 'a', 'web', 'running'),
      container('2', 'a', 'db', 'exited'),
      container('3', 'b', 'web', 'running'),
      container('4', 'b', 'web', 'running', { 'com.docker.compose.oneoff': 'True' }),
      { ...container('5', 'x', 'y', 'running'), labels: {} },
    ]);
    const a = stacks.find((s) => s.name === 'a');
    expect(a).toMatchObject({
      state: 'partial',
      running: 1,
      total: 2,
      configFiles: ['/srv/app/compose.yaml', '/etc/extra.yml'],
    });
    expect(a?.services.map((s) => s.name)).toEqual(['db', 'web']);
    expect(stacks.find((s) => s.name === 'b')).toMatchObject({ state: 'running', total: 1 });
    expect(stacks).toHaveLength(2);
  });
});
