/**
 * The Logs tab: the container's whole log as a log session (LogPanel: scroll anywhere, search every line,
 * jump to a time, follow, download); opened again when the container starts again.
 */
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { LogPanel } from '../../components/logs/LogPanel';
import { useLogSession } from '../../components/logs/useLogSession';

export function LogsTab({ id, running }: { id: string; name: string; running: boolean }) {
  const [epoch, setEpoch] = useState(0);
  const wasRunning = useRef(running);
  useEffect(() => {
    // Started again: the old session's source ended with the container, so open a new one.
    if (running && !wasRunning.current) setEpoch((e) => e + 1);
    wasRunning.current = running;
  }, [running]);
  const log = useLogSession((h) => api.containers.logSession.subscribe({ id }, h), JSON.stringify([id, epoch]));
  const ended = log.state && !log.state.following;
  return (
    <LogPanel
      log={log}
      status={
        <>
          {ended && !running && ' · the container is not running; new lines appear when it starts'}
          {(log.error ?? log.state?.error) && (
            <span className="bad-text"> · {(log.error ?? log.state?.error)?.message}</span>
          )}
        </>
      }
    />
  );
}
