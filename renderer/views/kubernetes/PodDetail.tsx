/** One pod: containers with state and restarts, conditions, its events and its logs (followed). */
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { useKubeList } from '../../stores/kubeLists';
import { phaseClass } from './podLayout';

const MAX_LINES = 5000;

function PodLogs({
  context,
  namespace,
  name,
  container,
}: {
  context: string;
  namespace: string;
  name: string;
  container: string;
}) {
  const [lines, setLines] = useState<string[]>([]);
  const [ended, setEnded] = useState<string | undefined>();
  const [follow, setFollow] = useState(true);
  const pre = useRef<HTMLPreElement>(null);
  useEffect(() => {
    setLines([]);
    setEnded(undefined);
    const sub = api.kube.podLogs.subscribe(
      { context, namespace, name, container, follow, tailLines: 500 },
      {
        onEvent: (e) => setLines((l) => [...l, ...e.lines].slice(-MAX_LINES)),
        onEnd: (error) => setEnded(error ? error.message : follow ? 'The log stream ended.' : undefined),
      },
    );
    return () => sub.unsubscribe();
  }, [context, namespace, name, container, follow]);
  useEffect(() => {
    if (follow && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [lines, follow]);
  return (
    <div className="pod-logs">
      <label className="check">
        <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
      </label>
      <pre ref={pre} className="task-log" data-testid="pod-logs">
        {lines.join('\n') || 'No log output.'}
      </pre>
      {ended && <p className="muted">{ended}</p>}
    </div>
  );
}

export function PodDetail({ context, id, onBack }: { context: string; id: string; onBack(): void }) {
  const [namespace = '', name = ''] = id.split('/');
  const pods = useKubeList('pods', context, namespace);
  const events = useKubeList('events', context, namespace);
  const pod = pods.items.get(id);
  const [container, setContainer] = useState<string | undefined>();
  const chosen = container ?? pod?.containers[0]?.name;
  const podEvents = [...events.items.values()]
    .filter((e) => e.object.kind === 'Pod' && e.object.name === name)
    .sort((a, b) => (a.lastSeen ?? '').localeCompare(b.lastSeen ?? ''));
  return (
    <div className="pod-detail" data-testid="pod-detail">
      <header className="toolbar">
        <button onClick={onBack}>← Back</button>
        <h2 className="mono">{name}</h2>
        {pod ? (
          <span>
            <span className={`pod-chip static ${phaseClass(pod.display)}`} aria-hidden /> {pod.display}
            {pod.reason ? ` (${pod.reason})` : ''} · {pod.ready} ready · {pod.restarts} restarts · node{' '}
            {pod.node ?? '—'} · IP {pod.ip ?? '—'}
          </span>
        ) : (
          <span className="muted">{pods.loaded ? 'This pod is gone.' : 'Loading…'}</span>
        )}
      </header>
      {pod && (
        <>
          <h3>Containers</h3>
          <table className="kube-plain">
            <thead>
              <tr>
                <th>Name</th>
                <th>Image</th>
                <th>State</th>
                <th>Ready</th>
                <th>Restarts</th>
              </tr>
            </thead>
            <tbody>
              {pod.containers.map((c) => (
                <tr key={c.name}>
                  <td className="mono">{c.name}</td>
                  <td className="mono">{c.image}</td>
                  <td title={c.message}>
                    {c.state}
                    {c.reason ? ` (${c.reason})` : ''}
                  </td>
                  <td>{c.ready ? 'yes' : 'no'}</td>
                  <td>{c.restarts}</td>
                </tr>
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
        </>
      )}
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
      <h3>
        Logs{' '}
        {pod && pod.containers.length > 1 && (
          <select aria-label="Container" value={chosen} onChange={(e) => setContainer(e.target.value)}>
            {pod.containers.map((c) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </select>
        )}
      </h3>
      {chosen && <PodLogs context={context} namespace={namespace} name={name} container={chosen} />}
    </div>
  );
}
