/**
 * The Logs tab: follows the container's log (LogPanel: search, timestamps, download); re-opens the
 * stream when the container starts again. At most the configured number of lines are kept.
 */
import { useEffect, useRef, useState } from 'react';
import { LogPanel, TailSelect } from '../../components/logs/LogPanel';
import { useLogStream } from './useLogStream';

export function LogsTab({ id, name, running }: { id: string; name: string; running: boolean }) {
  const [tail, setTail] = useState<number | 'all'>(1000);
  const [timestamps, setTimestamps] = useState(false);
  const [epoch, setEpoch] = useState(0);
  const wasRunning = useRef(running);
  useEffect(() => {
    // Started again: the old stream ended with the container, so open a new one.
    if (running && !wasRunning.current) setEpoch((e) => e + 1);
    wasRunning.current = running;
  }, [running]);
  const { buffer, version, ended, error } = useLogStream({ id, tail, timestamps, epoch });
  return (
    <LogPanel
      buffer={buffer}
      version={version}
      name={name}
      timestamps={timestamps}
      onTimestamps={setTimestamps}
      controls={<TailSelect tail={tail} onTail={setTail} />}
      status={
        <>
          {ended && !error && !running && ' · the container is not running; new lines appear when it starts'}
          {error && <span className="bad-text"> · {error.message}</span>}
        </>
      }
    />
  );
}
