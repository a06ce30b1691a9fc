import { useMemo, useState } from 'react';
import type { ImageSummary } from '../../../contract/images';
import { DataTable, type Column } from '../../components/DataTable';
import { useImages } from '../../stores/dockerStores';
import { useRetained } from '../../stores/useRetained';
import { formatAgo, formatBytes, shortId } from '../../common/format';

interface Row {
  key: string;
  repository: string;
  tag: string;
  image: ImageSummary;
}

/** One row per tag, like `docker images`; an untagged image is one <none> row. */
const toRows = (images: Iterable<ImageSummary>): Row[] =>
  [...images].flatMap((image) =>
    image.repoTags.length
      ? image.repoTags.map((t) => {
          const i = t.lastIndexOf(':');
          return { key: `${image.id}|${t}`, repository: t.slice(0, i), tag: t.slice(i + 1), image };
        })
      : [{ key: image.id, repository: '<none>', tag: '<none>', image }],
  );

const columns: Column<Row>[] = [
  {
    key: 'repository',
    header: 'Repository',
    width: 'minmax(180px, 3fr)',
    render: (r) => (
      <span className="mono" data-testid="image-repo">
        {r.repository}
      </span>
    ),
    sortValue: (r) => r.repository,
  },
  { key: 'tag', header: 'Tag', width: 'minmax(80px, 1fr)', render: (r) => r.tag, sortValue: (r) => r.tag },
  {
    key: 'id',
    header: 'Image ID',
    width: '130px',
    render: (r) => <span className="mono">{shortId(r.image.id)}</span>,
    sortValue: (r) => r.image.id,
  },
  {
    key: 'size',
    header: 'Size',
    width: '90px',
    render: (r) => formatBytes(r.image.size),
    sortValue: (r) => r.image.size,
  },
  {
    key: 'created',
    header: 'Created',
    width: '100px',
    render: (r) => formatAgo(r.image.created),
    sortValue: (r) => r.image.created,
  },
  {
    key: 'used',
    header: 'Used by',
    width: '110px',
    render: (r) =>
      r.image.dangling ? (
        <span className="tag warn">dangling</span>
      ) : r.image.containers ? (
        `${r.image.containers} container${r.image.containers > 1 ? 's' : ''}`
      ) : (
        <span className="tag">unused</span>
      ),
    sortValue: (r) => r.image.containers,
  },
];

export function ImagesView() {
  useRetained(useImages);
  const { items, loaded } = useImages();
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return toRows(items.values()).filter(
      (r) =>
        !needle || `${r.repository}:${r.tag}`.toLowerCase().includes(needle) || shortId(r.image.id).startsWith(needle),
    );
  }, [items, filter]);
  return (
    <section className="view" aria-labelledby="images-title">
      <header className="view-head">
        <h1 id="images-title">Images</h1>
        <span className="muted">{items.size} images</span>
        <span className="spacer" />
        <input
          type="search"
          placeholder="Filter by repository, tag or id"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label="Filter images"
        />
      </header>
      <DataTable
        testId="images-table"
        rows={rows}
        columns={columns}
        rowKey={(r) => r.key}
        initialSort={{ key: 'created', desc: true }}
        empty={loaded ? 'No images.' : 'Loading…'}
      />
    </section>
  );
}
