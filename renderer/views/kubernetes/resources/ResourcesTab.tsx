/**
 * The resource browser: every kind the cluster serves (built-in and custom), picked from a grouped list,
 * shown as a live table, and any object opened on a detail page. New CRDs show up as they are created.
 */
import { useEffect, useMemo } from 'react';
import type { KubeKindInfo } from '../../../../contract/kubeObjects';
import { errorLine } from '../../../common/apiError';
import { useKube } from '../../../stores/kubeStore';
import { useKubeObjects, useObjectRows } from '../../../stores/kubeObjects';
import { KindPicker } from './KindPicker';
import { ObjectDetail } from './ObjectDetail';
import { ResourceTable } from './ResourceTable';

const CRD_KIND = 'apiextensions.k8s.io/v1/customresourcedefinitions';

/** Reads the kinds again when the cluster's CRDs change (one created, removed or edited). */
function CrdFollower({ context, crds }: { context: string; crds: KubeKindInfo }) {
  const list = useObjectRows(context, crds, '');
  const loadKinds = useKubeObjects((s) => s.loadKinds);
  const versions = useMemo(
    () => [...list.items.values()].map((r) => `${r.name}@${r.resourceVersion}`).join(','),
    [list.items],
  );
  useEffect(() => {
    if (list.loaded) void loadKinds(context);
  }, [context, versions, list.loaded, loadKinds]);
  return null;
}

export function ResourcesTab({ context }: { context: string }) {
  const namespace = useKube((s) => s.namespace);
  const kinds = useKubeObjects((s) => s.kinds[context]);
  const error = useKubeObjects((s) => s.kindsError[context]);
  const { kindId, open, picks, loadKinds, showKind, showObject } = useKubeObjects();
  useEffect(() => {
    void loadKinds(context);
  }, [context, loadKinds]);
  const kind = kinds?.find((k) => k.id === (open?.kindId ?? kindId));
  const crds = kinds?.find((k) => k.id === CRD_KIND);
  return (
    <div className="kube-resources" data-testid="kube-resources">
      {kinds && <KindPicker kinds={kinds} selected={kind?.id} onPick={showKind} />}
      {crds && <CrdFollower context={context} crds={crds} />}
      <div className="kube-resources-main">
        {error && (
          <p className="bad-text" role="alert">
            {errorLine(error)}
          </p>
        )}
        {!kinds && !error && <p className="muted">Asking the cluster which kinds it serves…</p>}
        {kinds && !kind && <p className="muted">This cluster serves no such kind any more; pick another.</p>}
        {kind && open ? (
          <ObjectDetail
            key={`${open.kindId}/${open.namespace ?? ''}/${open.name}`}
            context={context}
            kind={kind}
            open={open}
            onOpen={showObject}
            onBack={() => showObject(undefined)}
          />
        ) : (
          kind && (
            <ResourceTable
              key={`${kind.id}#${picks}`}
              context={context}
              kind={kind}
              namespace={namespace}
              onOpen={showObject}
            />
          )
        )}
      </div>
    </div>
  );
}
