/** The containers table grouped by compose project. */
import { describe, expect, it } from 'vitest';
import { containerRows, groupByProject } from '../../../../../renderer/views/containers/groupRows';
import type { ContainerSummary } from '../../../../../contract/containers';

describe('grouping by compose project', () => {
  it('puts projects first, standalone last, each with a header', () => {
    const c = (id: string, name: string, project?: string, state = 'running') =>
      ({ id, name, composeProject: project, state }) as ContainerSummary;
    const rows = groupByProject([c('1', 'b'), c('2', 'web', 'shop'), c('3', 'db', 'shop', 'exited'), c('4', 'a')]);
    expect(rows.map((r) => (r.kind === 'group' ? `[${r.project} ${r.running}/${r.ids.length}]` : r.c.name))).toEqual([
      '[shop 1/2]',
      'db',
      'web',
      '[Standalone containers 2/2]',
      'a',
      'b',
    ]);
  });
});

describe('flat rows', () => {
  it('keep the row object of an unchanged container, so only a changed container repaints', () => {
    const a = { id: 'a', name: 'a', state: 'running' } as ContainerSummary;
    const b = { id: 'b', name: 'b', state: 'running' } as ContainerSummary;
    const first = containerRows([a, b]);
    const b2 = { ...b, state: 'exited' };
    const second = containerRows([a, b2]);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]).toMatchObject({ kind: 'container', key: 'b', c: b2 });
  });
});
