/** Rows of the containers table when grouped by compose project: a header row, then its containers. */
import type { ContainerSummary } from '../../../contract/containers';

export type ContainerRow =
  | { kind: 'container'; key: string; c: ContainerSummary; grouped: boolean }
  | { kind: 'group'; key: string; project: string; ids: string[]; running: number };

export const GROUP_PREFIX = 'group:';
export const NO_PROJECT = 'Standalone containers';

const flatRows = new WeakMap<ContainerSummary, ContainerRow>();

/**
 * One row per container. An unchanged container (the same object in the store) keeps its row object, so
 * after an event about one container only that container's row repaints.
 */
export const containerRows = (items: readonly ContainerSummary[]): ContainerRow[] =>
  items.map((c) => {
    let row = flatRows.get(c);
    if (!row) {
      row = { kind: 'container', key: c.id, c, grouped: false };
      flatRows.set(c, row);
    }
    return row;
  });

/** Projects alphabetically, standalone containers last; containers by name inside a group. */
export function groupByProject(items: readonly ContainerSummary[]): ContainerRow[] {
  const groups = new Map<string, ContainerSummary[]>();
  for (const c of items) {
    const project = c.composeProject ?? '';
    const list = groups.get(project) ?? [];
    list.push(c);
    groups.set(project, list);
  }
  const names = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const rows: ContainerRow[] = [];
  for (const project of names) {
    const list = (groups.get(project) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    rows.push({
      kind: 'group',
      key: `${GROUP_PREFIX}${project}`,
      project: project || NO_PROJECT,
      ids: list.map((c) => c.id),
      running: list.filter((c) => c.state === 'running').length,
    });
    for (const c of list) rows.push({ kind: 'container', key: c.id, c, grouped: true });
  }
  return rows;
}
