/** One image: tags, config (entrypoint, cmd, env, ports, labels), layer history, the containers using it, and Run. */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { ApiError } from '../../../contract/apiError';
import { toApiError } from '../../common/apiError';
import type { ImageDetail as Detail } from '../../../contract/images';
import { formatAgo, formatBytes, shortId } from '../../common/format';
import { useNav } from '../../stores/navStore';
import { useImages } from '../../stores/dockerStores';
import { removeImageAsked } from './imageActions';
import { ImagePlatforms } from './ImagePlatforms';

interface Props {
  id: string;
  onRun(image: string): void;
  onPush(ref: string): void;
}

function useImageDetail(id: string) {
  const [detail, setDetail] = useState<Detail | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  // Re-read when the live list says the image changed (tagged, untagged, a container came or went).
  const summary = useImages((s) => s.items.get(id) ?? [...s.items.values()].find((i) => i.id.includes(id)));
  const version = summary ? `${summary.repoTags.join(',')}|${summary.containers ?? ''}` : 'gone';
  useEffect(() => {
    let live = true;
    api.images
      .inspect({ id })
      .then((d) => live && (setDetail(d), setError(undefined)))
      .catch((e: unknown) => live && setError(toApiError(e)));
    return () => {
      live = false;
    };
  }, [id, version]);
  return { detail, error };
}

function KeyValues({ rows }: { rows: Array<[string, React.ReactNode]> }) {
  return (
    <dl className="img-kv">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

const words = (list: string[]) => (list.length ? <span className="mono">{JSON.stringify(list)}</span> : '—');

export function ImageDetail({ id, onRun, onPush }: Props) {
  const go = useNav((s) => s.go);
  const { detail, error } = useImageDetail(id);
  if (error) {
    return (
      <section className="view image-detail">
        <button className="link" onClick={() => go('images')}>
          ← Images
        </button>
        <p className="field-error" role="alert">
          {error.code === 'not_found' ? 'This image is gone.' : error.message}
        </p>
      </section>
    );
  }
  if (!detail) return <section className="view image-detail muted">Loading…</section>;
  const name = detail.repoTags[0] ?? shortId(detail.id);
  const c = detail.config;
  return (
    <section className="view image-detail" aria-labelledby="image-title" data-testid="image-detail">
      <header className="view-head">
        <button className="link" onClick={() => go('images')}>
          ← Images
        </button>
        <h1 id="image-title" className="mono">
          {name}
        </h1>
        <span className="spacer" />
        <button className="primary" onClick={() => onRun(detail.repoTags[0] ?? detail.id)}>
          Run
        </button>
        <button disabled={!detail.repoTags[0]} onClick={() => onPush(detail.repoTags[0] ?? '')}>
          Push
        </button>
        <button
          className="danger"
          onClick={() =>
            void removeImageAsked(detail.id, name).then((removed) => {
              if (removed) go('images');
            })
          }
        >
          Remove
        </button>
      </header>
      <div className="detail-grid">
        <section className="card">
          <h2>Image</h2>
          <KeyValues
            rows={[
              ['ID', <span className="mono">{detail.id}</span>],
              ['Tags', detail.repoTags.join(', ') || '<none>'],
              [
                'Digests',
                <span
                  className="mono wrap"
                  title={
                    detail.origin
                      ? 'The containerd image store gives every named image a digest, pushed or not.'
                      : undefined
                  }
                >
                  {detail.repoDigests.join(', ') || '—'}
                </span>,
              ],
              ...(detail.origin
                ? [
                    [
                      'Origin',
                      [
                        ...(detail.origin.built ? ['built on this engine'] : []),
                        ...(detail.origin.pulledFrom.length
                          ? [`pulled from ${detail.origin.pulledFrom.join(', ')}`]
                          : []),
                      ].join('; ') || 'unknown',
                    ] as [string, string],
                  ]
                : []),
              ['Size', formatBytes(detail.size)],
              [
                'Created',
                `${new Date(detail.created).toLocaleString()} (${formatAgo(Date.parse(detail.created) / 1000)})`,
              ],
              ['Platform', `${detail.os}/${detail.architecture}`],
              ...(detail.author ? [['Author', detail.author] as [string, string]] : []),
            ]}
          />
        </section>
        <section className="card">
          <h2>Config</h2>
          <KeyValues
            rows={[
              ['Entrypoint', words(c.entrypoint)],
              ['Command', words(c.cmd)],
              ['Working dir', c.workingDir || '—'],
              ['User', c.user || '—'],
              ['Exposed ports', c.exposedPorts.join(', ') || '—'],
              ['Volumes', c.volumes.join(', ') || '—'],
            ]}
          />
          <h3>Environment</h3>
          <ul className="mono img-list" data-testid="image-env">
            {c.env.length ? c.env.map((e) => <li key={e}>{e}</li>) : <li className="muted">none</li>}
          </ul>
          <h3>Labels</h3>
          <ul className="mono img-list">
            {Object.keys(c.labels).length ? (
              Object.entries(c.labels).map(([k, v]) => <li key={k}>{`${k}=${v}`}</li>)
            ) : (
              <li className="muted">none</li>
            )}
          </ul>
        </section>
        <section className="card">
          <h2>Used by</h2>
          {detail.usedBy.length === 0 ? (
            <p className="muted">No containers use this image.</p>
          ) : (
            <ul className="img-list">
              {detail.usedBy.map((u) => (
                <li key={u.id}>
                  <button className="link mono" onClick={() => go('containers', u.id)}>
                    {u.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {detail.platforms && <ImagePlatforms platforms={detail.platforms} attestations={detail.attestations ?? 0} />}
      <section className="card layers" data-testid="image-layers">
        <h2>Layers ({detail.history.filter((h) => !h.empty).length} with files)</h2>
        <table>
          <thead>
            <tr>
              <th>Created by</th>
              <th className="num">Size</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {detail.history.map((h, i) => (
              <tr key={`${h.id}-${i}`} className={h.empty ? 'empty-layer' : undefined}>
                <td className="mono created-by" title={h.createdBy}>
                  {h.createdBy ? (
                    h.createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '').replace(/^\/bin\/sh -c /, 'RUN ')
                  ) : (
                    <span className="muted">(imported, no build history)</span>
                  )}
                </td>
                <td className="num">{h.empty ? '—' : formatBytes(h.size)}</td>
                <td>{formatAgo(h.created)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
