/**
 * Subscribes to a log stream (a container's, a pod container's) into a bounded LogBuffer and re-renders at
 * most once a frame, however fast lines arrive. The stream is opened again whenever `key` changes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { StreamHandlers, Subscription } from '../../../contract/define';
import type { ApiErrorShape } from '../../../contract/errors';
import type { LogLine } from '../../../contract/containers';
import { LOG_CAPACITY, LogBuffer } from './logBuffer';
import { useSettings } from '../../stores/settingsStore';

export interface LogBatch {
  lines: LogLine[];
  dropped?: number;
}

export interface BufferedLog {
  buffer: LogBuffer;
  version: number;
  ended: boolean;
  error: ApiErrorShape | undefined;
}

export function useBufferedLog(open: (handlers: StreamHandlers<LogBatch>) => Subscription, key: string): BufferedLog {
  const capacity = useSettings((st) => st.snapshot?.values.logBufferLines ?? LOG_CAPACITY);
  const buffer = useMemo(() => new LogBuffer(capacity), [capacity]);
  const [version, setVersion] = useState(0);
  const [ended, setEnded] = useState(false);
  const [error, setError] = useState<ApiErrorShape>();
  const opener = useRef(open);
  opener.current = open;
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
    const sub = opener.current({
      onEvent: (e) => {
        buffer.push(e.lines, e.dropped ?? 0);
        repaint();
      },
      onEnd: (err) => {
        setEnded(true);
        setError(err);
        repaint();
      },
    });
    return () => {
      cancelAnimationFrame(frame);
      sub.unsubscribe();
    };
  }, [buffer, key]);
  return { buffer, version, ended, error };
}
