/**
 * A pod container's log in LogPanel (search, follow, timestamps, download): pick the container (init
 * containers too) and the previous run after a restart. The stream re-opens when the container restarts
 * or starts running; when it ends, the status line says why.
 */
import { useState } from 'react';
import { api } from '../../api';
import type { KubePod } from '../../../contract/kube';
import { LogPanel, TailSelect } from '../../components/logs/LogPanel';
import { useBufferedLog } from '../../components/logs/useBufferedLog';
import { ContainerPicker, defaultContainer, findContainer } from './ContainerPicker';
import { stateLabel } from './containerState';

export function PodLogsTab({ context, pod }: { context: string; pod: KubePod }) {
  const [chosen, setChosen] = useState(defaultContainer(pod));
  const [previous, setPrevious] = useState(false);
  const [tail, setTail] = useState<number | 'all'>(1000);
  const [timestamps, setTimestamps] = useState(false);
  const container = findContainer(pod, chosen) ?? pod.containers[0];
  const name = container?.name ?? '';
  const running = container?.state === 'running';
  const input = {
    context,
    namespace: pod.namespace,
    name: pod.name,
    container: name,
    follow: !previous,
    tailLines: tail,
    previous,
    timestamps,
  };
  const { buffer, version, ended, error } = useBufferedLog(
    (handlers) => api.kube.podLogs.subscribe(input, handlers),
    JSON.stringify([input, previous ? 0 : container?.restarts, running]),
  );
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
      buffer={buffer}
      version={version}
      name={`${pod.name}-${name}${previous ? '-previous' : ''}`}
      timestamps={timestamps}
      onTimestamps={setTimestamps}
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
          <TailSelect tail={tail} onTail={setTail} />
        </>
      }
      status={why()}
    />
  );
}
