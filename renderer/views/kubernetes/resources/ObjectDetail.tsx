/**
 * One object of any kind: its status with the reason, its kind's columns as a summary, the kind's own
 * detail component if it has one (details.tsx), the objects it relates to as links, labels and
 * annotations, a Secret's values (hidden until revealed) and its events.
 * Read again whenever the live list reports a new resourceVersion for it; its status and labels come from
 * the live row meanwhile, so a change shows as soon as the watch reports it.
 */
import { useEffect, useState } from 'react';
import { api } from '../../../api';
import type { ApiErrorShape } from '../../../../contract/errors';
import { kindId, objectState, type KubeObj } from '../../../../contract/kinds/model';
import type { KubeKindInfo, KubeObjectDetail, KubeRelation } from '../../../../contract/kubeObjects';
import { errorLine, toErrorShape } from '../../../common/apiError';
import { useObjectRows, type OpenObject } from '../../../stores/kubeObjects';
import { age } from '../workloadColumns';
import { formatCell, StatusBadge } from './cells';
import { ObjectActions } from './ObjectActions';
import { SecretValues } from './SecretValues';
import { KIND_DETAILS } from './details';

function Tags({ values, testId }: { values: Record<string, string>; testId: string }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return <span className="muted">None</span>;
  return (
    <span className="tags" data-testid={testId}>
      {entries.map(([k, v]) => (
        <span key={k} className="tag mono" title={`${k}=${v}`}>
          {k}={v.length > 80 ? `${v.slice(0, 80)}…` : v}
        </span>
      ))}
    </span>
  );
}

function RelationLink({ r, onOpen }: { r: KubeRelation; onOpen(o: OpenObject): void }) {
  const label = `${r.kind}/${r.name}`;
  return (
    <li data-testid="relation" data-type={r.type}>
      <span className="muted">{r.type}</span>{' '}
      {r.resource ? (
        <button
          className="link mono"
          onClick={() =>
            onOpen({
              kindId: kindId({ group: r.group, version: r.version, resource: r.resource! }),
              namespace: r.namespace,
              name: r.name,
            })
          }
        >
          {label}
        </button>
      ) : (
        <span className="mono">{label}</span>
      )}
      {r.namespace && <span className="muted"> in {r.namespace}</span>}
    </li>
  );
}

export function ObjectDetail({
  context,
  kind,
  open,
  onOpen,
  onBack,
}: {
  context: string;
  kind: KubeKindInfo;
  open: OpenObject;
  onOpen(o: OpenObject): void;
  onBack(): void;
}) {
  const rows = useObjectRows(context, kind, open.namespace ?? '');
  const row = rows.items.get(open.namespace ? `${open.namespace}/${open.name}` : open.name);
  const version = row?.resourceVersion;
  const [detail, setDetail] = useState<KubeObjectDetail | undefined>();
  const [error, setError] = useState<ApiErrorShape | undefined>();
  const ref = {
    context,
    group: kind.group,
    version: kind.version,
    resource: kind.resource,
    namespace: open.namespace,
    name: open.name,
  };
  useEffect(() => {
    let live = true;
    api.kube
      .object({
        context,
        group: kind.group,
        version: kind.version,
        resource: kind.resource,
        namespace: open.namespace,
        name: open.name,
      })
      .then(
        (d) => live && (setDetail(d), setError(undefined)),
        (e) => live && setError(toErrorShape(e)),
      );
    return () => {
      live = false;
    };
  }, [context, kind.group, kind.version, kind.resource, open.namespace, open.name, version]);
  const gone = rows.loaded && !row && detail !== undefined;
  const Custom = KIND_DETAILS[kind.id];
  return (
    <div className="object-detail" data-testid="object-detail" data-kind={kind.id} data-name={open.name}>
      <div className="object-detail-head">
        <button className="small" onClick={onBack}>
          ← {kind.title}
        </button>
        <h2>
          <span className="muted">{kind.kind}</span> <span className="mono">{open.name}</span>
        </h2>
        {open.namespace && <span className="muted">in {open.namespace}</span>}
        {detail && kind.hasStatus && <StatusBadge status={row?.status ?? detail.row.status} />}
        <ObjectActions
          place="header"
          kind={kind}
          object={ref}
          state={detail ? objectState(detail.object as KubeObj) : {}}
        />
      </div>
      {error && (
        <p className="bad-text" role="alert">
          {errorLine(error)}
        </p>
      )}
      {gone && <p className="bad-text">This {kind.kind} was deleted.</p>}
      {detail && (
        <>
          {(row?.status ?? detail.row.status).reason && (
            <p
              className={`status-reason health-${(row?.status ?? detail.row.status).health}`}
              data-testid="status-reason"
            >
              {(row?.status ?? detail.row.status).reason}
            </p>
          )}
          <section>
            <h3>Summary</h3>
            <dl className="object-summary" data-testid="object-summary">
              {kind.columns.map((c, i) => (
                <div key={c.name}>
                  <dt>{c.name}</dt>
                  <dd>{formatCell((row ?? detail.row).cells[i], c.type)}</dd>
                </div>
              ))}
              <div>
                <dt>Created</dt>
                <dd title={detail.row.createdAt}>{age(detail.row.createdAt)} ago</dd>
              </div>
            </dl>
          </section>
          {Custom && (
            <section data-testid="kind-detail">
              <Custom context={context} detail={detail} />
            </section>
          )}
          {detail.relations.length > 0 && (
            <section>
              <h3>Related</h3>
              <ul className="relations" data-testid="relations">
                {detail.relations.map((r) => (
                  <RelationLink key={`${r.type}/${r.kind}/${r.namespace ?? ''}/${r.name}`} r={r} onOpen={onOpen} />
                ))}
              </ul>
            </section>
          )}
          {detail.secretKeys && open.namespace && (
            <section>
              <h3>Data</h3>
              <SecretValues
                key={detail.row.uid}
                context={context}
                namespace={open.namespace}
                name={open.name}
                keys={detail.secretKeys}
              />
            </section>
          )}
          <section>
            <h3>Labels</h3>
            <Tags values={row?.labels ?? detail.labels} testId="labels" />
            <h3>Annotations</h3>
            <Tags values={detail.annotations} testId="annotations" />
          </section>
          <section>
            <h3>Events</h3>
            {detail.events.length === 0 ? (
              <p className="muted">No events.</p>
            ) : (
              <ul className="object-events" data-testid="object-events">
                {detail.events.map((e, i) => (
                  <li key={i} className={e.type === 'Warning' ? 'bad-text' : ''}>
                    <span className="muted">{age(e.lastSeen)}</span> <strong>{e.reason}</strong> {e.message}
                    {e.count > 1 && <span className="muted"> ×{e.count}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
