/**
 * Subscribes to a container's log into a bounded LogBuffer and re-renders at most once a frame, however
 * fast lines arrive.
 */
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api';
import type { ApiErrorShape } from '../../../contract/errors';
import { LOG_CAPACITY, LogBuffer } from './logBuffer';
import { useSettings } from '../../stores/settingsStore';

export interface LogStreamOptions {
  id: string;
  tail: number | 'all';
  timestamps: boolean;
  /** Changing it re-opens the stream (e.g. the container started again). */
  epoch: number;
}

export function useLogStream({ id, tail, timestamps, epoch }: LogStreamOptions): {
  buffer: LogBuffer;
  version: number;
  ended: boolean;
  error: ApiErrorShape | undefined;
} {
  const capacity = useSettings((st) => st.snapshot?.values.logBufferLines ?? LOG_CAPACITY);
  const buffer = useMemo(() => new LogBuffer(capacity), [capacity]);
  const [version, setVersion] = useState(0);
  const [ended, setEnded] = useState(false);
  const [error, setError] = useState<ApiErrorShape>();
  useEffect(() => {
    buffer.clear();
    setVersion((v) => v + 1);
    setEnded(false);
    setError(undefined);
    let frame = 0;
    const repaint = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion((v) => v + 1);
      });
    };
    const sub = api.containers.logs.subscribe(
      { id, follow: true, tail, timestamps },
      {
        onEvent: (e) => {
          buffer.push(e.lines, e.dropped);
          repaint();
        },
        onEnd: (err) => {
          setEnded(true);
          setError(err);
          repaint();
        },
      },
    );
    return () => {
      cancelAnimationFrame(frame);
      sub.unsubscribe();
    };
  }, [buffer, id, tail, timestamps, epoch]);
  return { buffer, version, ended, error };
}
