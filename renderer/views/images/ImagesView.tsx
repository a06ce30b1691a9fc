/**
 * Images: the live table (filter, used/unused/dangling), pull, build, tag, push, remove, prune, and the detail
 * page. With several engines connected, tabs show a kept engine's images instead, live and read-only. The
 * detail page (`imageDetail`) and the dialogs are chunks of their own, which the table's first paint does
 * without (viewLoaders.ts fetches the page with the view when the URL names an image, else once idle).
 */
import { Suspense, useMemo, useState } from 'react';
import { DataTable } from '../../components/DataTable';
import { EngineSection } from '../../components/EngineTabs';
import { useImages } from '../../stores/dockerStores';
import { imagesOn } from '../../stores/onEngineStores';
import { useKeptShown } from '../../stores/shownEngineStore';
import { useTableQuery } from '../../components/tableQuery';
import { TableEmpty } from '../../components/TableEmpty';
import { useNav } from '../../stores/navStore';
import { useRetained } from '../../stores/useRetained';
import { shortId } from '../../common/format';
import { RunContainerDialogLazy as RunContainerDialog } from '../containers/RunContainerDialogLazy';
import { imageColumns } from './imageColumns';
import { removeImageAsked } from './imageActions';
import {
  IMAGE_COUNT_RULE,
  imageCounts,
  imageSummary,
  imageSearch,
  toRows,
  usageMatcher,
  type UsageFilter,
} from './imageRows';
import { ViewHeader } from '../../components/ViewHeader';
import { lazyDialog } from '../../components/lazyDialog';
import { lazyPart, useLazyComponent } from '../../common/lazyPart';
import './images.css';

export const imageDetail = lazyPart(() => import('./ImageDetail').then((m) => m.ImageDetail));

// The dialogs load the first time they open.
const PullDialog = lazyDialog(
  () => import('./PullDialog').then((m) => m.PullDialog),
  (p) => p.open,
);
const BuildDialog = lazyDialog(
  () => import('./BuildDialog').then((m) => m.BuildDialog),
  (p) => p.open,
);
const TagDialog = lazyDialog(
  () => import('./TagDialog').then((m) => m.TagDialog),
  (p) => p.source !== undefined,
);
const KindLoadDialog = lazyDialog(
  () => import('./KindLoadDialog').then((m) => m.KindLoadDialog),
  (p) => p.image !== undefined,
);
const PruneDialog = lazyDialog(
  () => import('../disk/PruneDialog').then((m) => m.PruneDialog),
  (p) => p.kind !== undefined,
);

type Open = { kind: 'pull' } | { kind: 'build' } | { kind: 'prune' } | { kind: 'run'; image: string } | undefined;

export function ImagesView() {
  const kept = useKeptShown();
  return <ImagesOn key={kept ?? ''} kept={kept} />;
}

/** The images of the engine in use, or of the kept engine `kept` names (no actions there). */
function ImagesOn({ kept }: { kept: string | undefined }) {
  const images = kept ? imagesOn(kept) : useImages;
  useRetained(images);
  const { items, loaded, error } = images();
  const { detail, go } = useNav();
  const ImageDetail = useLazyComponent(imageDetail);
  // The filter box writes the table's query; the view re-renders only when the box empties or fills.
  const query = useTableQuery();
  const [usageFilter, setUsageFilter] = useState<UsageFilter>('all');
  const [open, setOpen] = useState<Open>();
  const [tagging, setTagging] = useState<{ source: string; push: boolean } | undefined>();
  const [loading, setLoading] = useState<string | undefined>();
  const rows = useMemo(() => toRows(items.values()), [items]);
  const keep = useMemo(() => (usageFilter === 'all' ? undefined : usageMatcher(usageFilter)), [usageFilter]);
  const search = useMemo(() => ({ query, fields: imageSearch }), [query]);
  const columns = useMemo(
    () =>
      imageColumns(
        kept
          ? undefined
          : {
              open: (r) => go('images', r.image.id),
              run: (r) => setOpen({ kind: 'run', image: r.repository === '<none>' ? r.image.id : r.ref }),
              tag: (r) => setTagging({ source: r.ref, push: false }),
              push: (r) => setTagging({ source: r.ref, push: true }),
              loadIntoKind: (r) => setLoading(r.ref),
              remove: (r) => void removeImageAsked(r.ref, r.repository === '<none>' ? shortId(r.image.id) : r.ref),
            },
      ),
    [go, kept],
  );
  const counts = useMemo(() => imageCounts(items.values()), [items]);
  // Not re-rendered by a filter keystroke.
  const dialogs = useMemo(
    () => (
      <>
        <PullDialog open={open?.kind === 'pull'} onClose={() => setOpen(undefined)} />
        <BuildDialog open={open?.kind === 'build'} onClose={() => setOpen(undefined)} />
        <PruneDialog
          kind={open?.kind === 'prune' ? 'images' : undefined}
          onClose={() => setOpen(undefined)}
          onDone={() => setOpen(undefined)}
        />
        <TagDialog source={tagging?.source} push={tagging?.push ?? false} onClose={() => setTagging(undefined)} />
        <KindLoadDialog image={loading} onClose={() => setLoading(undefined)} />
        <RunContainerDialog
          open={open?.kind === 'run'}
          image={open?.kind === 'run' ? open.image : undefined}
          onClose={() => setOpen(undefined)}
        />
      </>
    ),
    [open, tagging, loading],
  );
  if (detail) {
    return (
      <>
        <Suspense fallback={null}>
          <ImageDetail
            id={detail}
            onRun={(image) => setOpen({ kind: 'run', image })}
            onPush={(ref) => setTagging({ source: ref, push: true })}
          />
        </Suspense>
        {dialogs}
      </>
    );
  }
  return (
    <section className="view" aria-labelledby="images-title">
      <ViewHeader
        titleId="images-title"
        title="Images"
        summary={
          <span title={IMAGE_COUNT_RULE} data-testid="images-summary">
            {imageSummary(counts)}
          </span>
        }
        filter={query}
        filterLabel="Filter images"
        filterPlaceholder="Filter by repository, tag or id"
      >
        <select aria-label="Show" value={usageFilter} onChange={(e) => setUsageFilter(e.target.value as UsageFilter)}>
          <option value="all">All</option>
          <option value="used">In use</option>
          <option value="unused">Unused</option>
          <option value="dangling">Dangling</option>
        </select>
        {!kept && (
          <>
            <button className="primary" onClick={() => setOpen({ kind: 'pull' })}>
              Pull
            </button>
            <button onClick={() => setOpen({ kind: 'build' })}>Build</button>
            <button onClick={() => setOpen({ kind: 'prune' })}>Prune…</button>
          </>
        )}
      </ViewHeader>
      <EngineSection
        view="images"
        kept={kept}
        actions="pull, build, run or remove images"
        notice={
          error &&
          !loaded && (
            <p className="field-error" role="alert">
              {error.message}
            </p>
          )
        }
      >
        <DataTable
          testId="images-table"
          rows={rows}
          filter={keep}
          search={search}
          columns={columns}
          rowKey={(r) => r.key}
          onOpen={kept ? undefined : (r) => go('images', r.image.id)}
          rowClass={(r) => (r.image.dangling ? 'dangling' : r.containers === 0 ? 'unused' : '')}
          initialSort={{ key: 'created', desc: true }}
          empty={
            <TableEmpty
              loaded={loaded}
              query={query}
              filtered={usageFilter !== 'all'}
              noMatch="No image matches."
              none={kept ? `No images on ${kept}.` : 'No images. Pull or build one.'}
            />
          }
        />
      </EngineSection>
      {!kept && dialogs}
    </section>
  );
}
