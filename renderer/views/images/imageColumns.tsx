/** The images table's columns, with the per-row actions (none for a kept engine's images: they are read-only). */
import type { Column } from '../../components/DataTable';
import { formatAgo, formatBytes, shortId } from '../../common/format';
import type { ImageRow } from './imageRows';
import { platformNote, sizeTitle } from './imageSizes';

export interface RowActions {
  open(row: ImageRow): void;
  run(row: ImageRow): void;
  tag(row: ImageRow): void;
  push(row: ImageRow): void;
  loadIntoKind(row: ImageRow): void;
  remove(row: ImageRow): void;
}

const label = (r: ImageRow) => (r.repository === '<none>' ? shortId(r.image.id) : r.ref);

export function imageColumns(actions?: RowActions): Column<ImageRow>[] {
  const columns: Column<ImageRow>[] = [
    {
      key: 'repository',
      header: 'Repository',
      width: 'minmax(180px, 3fr)',
      render: (r) => {
        const note = platformNote(r.image);
        return (
          <span className="image-usage">
            {actions ? (
              <button className="link mono image-link" data-testid="image-repo" onClick={() => actions.open(r)}>
                {r.repository}
              </button>
            ) : (
              <span className="mono" data-testid="image-repo">
                {r.repository}
              </span>
            )}
            {note && (
              <span className="tag" title={note.title} data-testid="image-platforms">
                {note.text}
              </span>
            )}
          </span>
        );
      },
      sortValue: (r) => r.repository,
    },
    {
      key: 'tag',
      header: 'Tag',
      width: 'minmax(80px, 1fr)',
      render: (r) => r.tag,
      sortValue: (r) => r.tag,
    },
    {
      key: 'id',
      header: 'Image ID',
      width: '120px',
      dropOrder: 3,
      render: (r) => <span className="mono">{shortId(r.image.id)}</span>,
      sortValue: (r) => r.image.id,
    },
    {
      key: 'size',
      header: 'Size',
      width: '80px',
      dropOrder: 2,
      render: (r) => <span title={sizeTitle(r.image)}>{formatBytes(r.image.size)}</span>,
      sortValue: (r) => r.image.size,
    },
    {
      key: 'created',
      header: 'Created',
      width: '90px',
      dropOrder: 1,
      render: (r) => formatAgo(r.image.created),
      sortValue: (r) => r.image.created,
    },
    {
      key: 'used',
      header: 'Used by',
      width: '120px',
      render: (r) => (
        <span className="image-usage" data-testid="image-usage">
          {r.containers === undefined ? (
            <span className="muted" title="Counting the containers that use it…">
              …
            </span>
          ) : r.containers ? (
            `${r.containers} container${r.containers > 1 ? 's' : ''}`
          ) : null}
          {r.image.dangling && <span className="tag warn">dangling</span>}
          {!r.image.dangling && r.containers === 0 && <span className="tag">unused</span>}
        </span>
      ),
      sortValue: (r) => r.containers ?? -1,
    },
  ];
  if (!actions) return columns;
  return [
    ...columns,
    {
      key: 'actions',
      header: '',
      width: '280px',
      render: (r) => (
        <span className="row-actions">
          <button className="small" aria-label={`Run ${label(r)}`} onClick={() => actions.run(r)}>
            Run
          </button>
          <button className="small" aria-label={`Tag ${label(r)}`} onClick={() => actions.tag(r)}>
            Tag
          </button>
          <button
            className="small"
            aria-label={`Push ${label(r)}`}
            disabled={r.repository === '<none>'}
            onClick={() => actions.push(r)}
          >
            Push
          </button>
          <button
            className="small"
            aria-label={`Load ${label(r)} into a kind cluster`}
            title="Load into a kind cluster"
            disabled={r.repository === '<none>'}
            onClick={() => actions.loadIntoKind(r)}
          >
            kind
          </button>
          <button className="small danger" aria-label={`Remove ${label(r)}`} onClick={() => actions.remove(r)}>
            Remove
          </button>
        </span>
      ),
    },
  ];
}
