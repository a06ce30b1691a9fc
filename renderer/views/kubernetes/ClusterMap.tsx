/**
 * Every node as a box and every pod as a chip inside the node it runs on, unscheduled pods in their own
 * lane; coloured by phase, driven by watch events. Chips are memoised on the pod object (unchanged pods
 * keep their object across events), so an event re-renders only the chips it changed, and the lanes, legend
 * and fading pods are updated from the pods the event names (PodMap). A lane of more than DENSE_LANE pods,
 * and every lane of a map of more than DENSE_MAP, draws its chips on a canvas (PodCanvas, drawsLane), and a
 * box off screen is not laid out at all. A right click on a chip opens its menu (logs, shell, restart,
 * delete). Pods that just went away stay a moment, fading; the legend counts exactly the chips drawn (those
 * included), so it never disagrees with the map.
 */
import { memo, useMemo, useRef } from 'react';
import type { KubeNode, KubePod } from '../../../contract/kube';
import { useKubeList } from '../../stores/kubeLists';
import { drawsLane } from './chipGrid';
import { PodCanvas } from './PodCanvas';
import { phaseClass, podLabel, UNSCHEDULED, type NodeLane } from './podLayout';
import { PodMap } from './podMap';
import { useLeaving } from './useLeaving';

const PHASES: Array<KubePod['display']> = [
  'Pending',
  'ContainerCreating',
  'Running',
  'Terminating',
  'Failed',
  'Succeeded',
];

interface ChipProps {
  pod: KubePod;
  leaving: boolean;
  onOpen(id: string): void;
  /** The chip's context menu (right click) at the pointer. */
  onMenu(id: string, x: number, y: number): void;
}

const PodChip = memo(function PodChip({ pod, leaving, onOpen, onMenu }: ChipProps) {
  const label = podLabel(pod);
  return (
    <button
      type="button"
      className={`pod-chip ${phaseClass(pod.display)}${leaving ? ' leaving' : ''}`}
      data-testid="pod-chip"
      data-phase={pod.display}
      data-pod={pod.id}
      data-leaving={leaving ? 'true' : undefined}
      title={label}
      aria-label={label}
      onClick={() => onOpen(pod.id)}
      onContextMenu={(e) => {
        e.preventDefault();
        onMenu(pod.id, e.clientX, e.clientY);
      }}
    />
  );
});

function NodeHeader({ lane }: { lane: NodeLane }) {
  if (lane.name === UNSCHEDULED) return <h3 className="node-name">Pending / unscheduled</h3>;
  const node: KubeNode | undefined = lane.node;
  return (
    <>
      <h3 className="node-name" title={node?.internalIP}>
        {lane.name}
      </h3>
      <div className="node-meta muted">
        <span className={`node-status ${node?.status === 'Ready' ? 'ok' : 'bad'}`}>{node?.status ?? 'Unknown'}</span>
        {node?.roles.length ? <span>{node.roles.join(', ')}</span> : null}
        <span>
          {lane.pods.length}
          {node?.allocatable.pods ? ` / ${node.allocatable.pods}` : ''} pods
        </span>
      </div>
    </>
  );
}

const NodeBox = memo(function NodeBox({
  lane,
  leavingIds,
  drawn,
  onOpen,
  onMenu,
}: {
  /** The same object as long as the lane's pods are (layoutPods keeps it), so an untouched lane skips. */
  lane: NodeLane;
  /** Ids of the lane's pods that are gone and fading out (leavingIn), compared by value. */
  leavingIds: string;
  /** Its chips drawn on a canvas (drawsLane), not made of elements. */
  drawn: boolean;
  onOpen(id: string): void;
  onMenu(id: string, x: number, y: number): void;
}) {
  const leaving = useMemo(() => new Set(leavingIds ? leavingIds.split('\n') : []), [leavingIds]);
  const unscheduled = lane.name === UNSCHEDULED;
  return (
    <section
      className={`node-box${unscheduled ? ' unscheduled' : ''}`}
      data-testid={unscheduled ? 'unscheduled-lane' : 'node-box'}
      data-node={lane.name}
      aria-label={unscheduled ? 'Pending / unscheduled pods' : `Node ${lane.name}`}
    >
      <NodeHeader lane={lane} />
      <div className="pod-chips">
        {drawn ? (
          <PodCanvas node={lane.name} pods={lane.pods} leaving={leaving} onOpen={onOpen} onMenu={onMenu} />
        ) : (
          lane.pods.map((pod) => (
            <PodChip key={pod.id} pod={pod} leaving={leaving.has(pod.id)} onOpen={onOpen} onMenu={onMenu} />
          ))
        )}
      </div>
    </section>
  );
});

export function ClusterMap(props: {
  context: string;
  namespace: string;
  onOpenPod(id: string): void;
  onPodMenu(id: string, x: number, y: number): void;
}) {
  const nodes = useKubeList('nodes', props.context);
  const pods = useKubeList('pods', props.context, props.namespace);
  const leavingPods = useLeaving(pods.items, pods.delta);
  const model = useRef<PodMap>(undefined);
  model.current ??= new PodMap();
  const { lanes, counts, leavingByLane } = model.current.update(nodes.items, pods.items, leavingPods, pods.delta);
  const error = nodes.error ?? pods.error;
  return (
    <div className="kube-map-wrap">
      <div className="kube-legend" aria-label="Legend">
        {PHASES.map((p) => (
          <span
            key={p}
            className="legend-item"
            data-testid="legend-item"
            data-phase={p}
            data-count={counts.get(p) ?? 0}
          >
            <span className={`pod-chip static ${phaseClass(p)}`} aria-hidden /> {p} {counts.get(p) ?? 0}
          </span>
        ))}
      </div>
      {error && (
        <p className="bad-text" role="alert">
          {error.message}
        </p>
      )}
      <div className="kube-map" data-testid="cluster-map" data-nodes={nodes.items.size} data-pods={pods.items.size}>
        {lanes.map((lane) =>
          lane.name === UNSCHEDULED && lane.pods.length === 0 ? null : (
            <NodeBox
              key={lane.name || '(unscheduled)'}
              lane={lane}
              leavingIds={leavingByLane.get(lane.name) ?? ''}
              drawn={drawsLane(lane.pods.length, pods.items.size)}
              onOpen={props.onOpenPod}
              onMenu={props.onPodMenu}
            />
          ),
        )}
        {nodes.loaded && nodes.items.size === 0 && <p className="muted">This cluster has no nodes.</p>}
      </div>
    </div>
  );
}
