/**
 * A pod container's whole log as a log session in LogPanel (scroll anywhere, search every line, jump to a
 * time, follow, download): pick the container (init containers too) and the previous run after a restart.
 * The session re-opens when the container restarts or starts running; when its source ends, the status
 * line says why.
 */
import { useState } from 'react';
import { api } from '../../api';
import type { KubePod } from '../../../contract/kube';
import { LogPanel } from '../../components/logs/LogPanel';
import { useLogSession } from '../../components/logs/useLogSession';
import { ContainerPicker, defaultContainer, findContainer } from './ContainerPicker';
import { stateLabel } from './containerState';

export function PodLogsTab({ context, pod }: { context: string; pod: KubePod }) {
  const [chosen, setChosen] = useState(defaultContainer(pod));
  const [previous, setPrevious] = useState(false);
  const container = findContainer(pod, chosen) ?? pod.containers[0];
  const name = container?.name ?? '';
  const running = container?.state === 'running';
  const input = { context, namespace: pod.namespace, name: pod.name, container: name, previous };
  const log = useLogSession(
    (h) => api.kube.podLogSession.subscribe(input, h),
    JSON.stringify([input, previous ? 0 : container?.restarts, running]),
  );
  const error = log.error ?? log.state?.error;
  const ended = log.state && !log.state.following;
  const why = () => {
    if (error) {
      return (
        <span className="bad-text" data-testid="pod-log-error">
          {' '}
          · {error.message}
          {error.hint && <span className="muted"> {error.hint}</span>}
        </span>
      );
    }
    if (!ended) return null;
    if (previous) return <span data-testid="pod-log-end"> · the end of the previous run’s log</span>;
    return (
      <span data-testid="pod-log-end">
        {' '}
        · the log ended: the container is {container ? stateLabel(container).toLowerCase() : 'gone'}
        {running ? '' : '; new lines appear when it runs again'}
      </span>
    );
  };
  return (
    <LogPanel
      // Another container, or its previous run, is a log of its own: follow and search start afresh.
      key={`${name}/${previous}`}
      log={log}
      empty={previous ? 'The previous run printed nothing.' : 'No output yet.'}
      controls={
        <>
          <ContainerPicker pod={pod} value={name} onChange={setChosen} />
          <label className="check" title="The log of the container's run before its last restart">
            <input
              type="checkbox"
              checked={previous}
              disabled={!previous && (container?.restarts ?? 0) === 0}
              onChange={(e) => setPrevious(e.target.checked)}
            />
            Previous run{container && container.restarts > 0 ? ` (restarted ${container.restarts}×)` : ''}
          </label>
        </>
      }
      status={why()}
    />
  );
}
