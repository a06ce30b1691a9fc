/** The containers table grouped by compose project. */
import { describe, expect, it } from 'vitest';
import { groupByProject } from '../../../../../renderer/views/containers/groupRows';
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
