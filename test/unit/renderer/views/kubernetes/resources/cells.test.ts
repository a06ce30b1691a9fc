/** The browser's table columns follow the kind's description: its columns, Status when it has one, wide ones dropped first. */
import { describe, expect, it } from 'vitest';
import { columnsFor, formatCell, initialSortFor } from '../../../../../../renderer/views/kubernetes/resources/cells';
import { kindInfo, toRow } from '../../../../../../contract/kinds/rows';
import { pods } from '../../../../../../contract/kinds/workloads';
import { configMaps } from '../../../../../../contract/kinds/config';
import { events } from '../../../../../../contract/kinds/cluster';

describe('resource table columns', () => {
  it('Name, the kind columns, Status, Age; Namespace only across namespaces', () => {
    const kind = kindInfo(pods);
    expect(columnsFor(kind, false, () => undefined).map((c) => c.header)).toEqual([
      'Name',
      'Ready',
      'Restarts',
      'Node',
      'IP',
      'Status',
      'Age',
    ]);
    expect(columnsFor(kind, true, () => undefined).map((c) => c.header)[1]).toBe('Namespace');
    expect(columnsFor(kindInfo(configMaps), false, () => undefined).map((c) => c.header)).toEqual([
      'Name',
      'Keys',
      'Age',
    ]);
  });

  it('drops wide columns first when the table is narrow', () => {
    const cols = columnsFor(kindInfo(pods), false, () => undefined);
    const ip = cols.find((c) => c.header === 'IP');
    const node = cols.find((c) => c.header === 'Node');
    expect(ip?.dropOrder).toBeLessThan(node?.dropOrder ?? 0);
  });

  it('adds an actions column only when asked', () => {
    const cols = columnsFor(
      kindInfo(pods),
      false,
      () => undefined,
      () => null,
    );
    expect(cols.at(-1)?.key).toBe('actions');
  });

  it('formats cells: empty as a dash, ages from timestamps', () => {
    expect(formatCell(null, 'text')).toBe('—');
    expect(formatCell('', 'text')).toBe('—');
    expect(formatCell(3, 'number')).toBe('3');
    expect(formatCell(new Date(Date.now() - 90_000).toISOString(), 'age')).toBe('90s');
  });

  it('sorts Events with Warnings first, each type newest first; other kinds by name', () => {
    const kind = kindInfo(events);
    expect(initialSortFor(kindInfo(pods))).toEqual({ key: 'name', desc: false });
    const sort = initialSortFor(kind);
    expect(sort).toEqual({ key: 'status', desc: false });
    const event = (name: string, type: string, minutesAgo: number) =>
      toRow(events, {
        metadata: { name, namespace: 'ns', uid: name, resourceVersion: '1' },
        lastTimestamp: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
        type,
        reason: 'R',
        message: 'm',
        involvedObject: { kind: 'Pod', name: 'p' },
      });
    const rows = [event('a', 'Normal', 5), event('b', 'Warning', 9), event('c', 'Normal', 1), event('d', 'Warning', 2)];
    const column = columnsFor(kind, false, () => undefined).find((c) => c.key === sort.key);
    const sorted = [...rows].sort((x, y) => {
      const [vx, vy] = [column?.sortValue?.(x) ?? '', column?.sortValue?.(y) ?? ''];
      return vx < vy ? -1 : vx > vy ? 1 : 0;
    });
    expect(sorted.map((r) => `${r.name}:${r.status.text}`)).toEqual(['d:Warning', 'b:Warning', 'c:Normal', 'a:Normal']);
  });
});
