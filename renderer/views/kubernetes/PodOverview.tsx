/**
 * A pod's containers (init containers first) with state and reason, restarts, how the last run ended and
 * the Warning event that explains it; then its conditions and events.
 */
import type { KubeEvent, KubePod, PodContainer } from '../../../contract/kube';
import { explainingEvent, lastStateLabel, stateLabel, stateTone } from './containerState';

function ContainerRow({ c, init, events, pod }: { c: PodContainer; init: boolean; events: KubeEvent[]; pod: string }) {
  const tone = stateTone(c);
  const why = tone === 'bad' || tone === 'warn' ? explainingEvent(events, pod, c.name) : undefined;
  const last = lastStateLabel(c);
  return (
    <tr data-testid="pod-container" data-container={c.name}>
      <td className="mono">
        {c.name}
        {init && <span className="tag">init</span>}
      </td>
      <td className="mono ellipsis" title={c.image}>
        {c.image}
      </td>
      <td>
        <span className={`state-${tone}`} data-testid="container-state" title={c.message}>
          {stateLabel(c)}
        </span>
        {c.message && c.state !== 'running' && <div className="muted small-text">{c.message}</div>}
        {why && (
          <div className="bad-text small-text" data-testid="container-event">
            {why.reason}: {why.message}
            {why.count > 1 ? ` (×${why.count})` : ''}
          </div>
        )}
      </td>
      <td>{c.ready ? 'yes' : 'no'}</td>
      <td data-testid="container-restarts">{c.restarts}</td>
      <td data-testid="container-last-state" title={c.lastState?.message}>
        {last ?? '—'}
        {c.lastState?.finishedAt && (
          <div className="muted small-text">{new Date(c.lastState.finishedAt).toLocaleTimeString()}</div>
        )}
      </td>
      <td className="mono">{c.ports.map((p) => `${p.containerPort}/${p.protocol}`).join(', ')}</td>
    </tr>
  );
}

export function PodOverview({ pod, events }: { pod: KubePod; events: KubeEvent[] }) {
  const podEvents = events
    .filter((e) => e.object.kind === 'Pod' && e.object.name === pod.name)
    .sort((a, b) => (a.lastSeen ?? '').localeCompare(b.lastSeen ?? ''));
  return (
    <div className="pod-overview">
      <h3>Containers</h3>
      <table className="kube-plain" data-testid="pod-containers">
        <thead>
          <tr>
            <th>Name</th>
            <th>Image</th>
            <th>State</th>
            <th>Ready</th>
            <th>Restarts</th>
            <th>Last run</th>
            <th>Ports</th>
          </tr>
        </thead>
        <tbody>
          {pod.initContainers.map((c) => (
            <ContainerRow key={`init-${c.name}`} c={c} init events={events} pod={pod.name} />
          ))}
          {pod.containers.map((c) => (
            <ContainerRow key={c.name} c={c} init={false} events={events} pod={pod.name} />
          ))}
        </tbody>
      </table>
      <h3>Conditions</h3>
      <p>
        {pod.conditions.map((c) => (
          <span key={c.type} className={`tag ${c.status === 'True' ? '' : 'bad-text'}`} title={c.message}>
            {c.type}: {c.status}
          </span>
        ))}
      </p>
      <h3>Events</h3>
      {podEvents.length === 0 ? (
        <p className="muted">No events.</p>
      ) : (
        <ul className="pod-events">
          {podEvents.map((e) => (
            <li key={e.id} className={e.type === 'Warning' ? 'bad-text' : ''}>
              <strong>{e.reason}</strong> {e.message} {e.count > 1 ? `(×${e.count})` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
