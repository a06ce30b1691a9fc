/** A container's log (`containers.logs`, followed) in a bounded buffer: see useBufferedLog. */
import { api } from '../../api';
import { useBufferedLog, type BufferedLog } from '../../components/logs/useBufferedLog';

export interface LogStreamOptions {
  id: string;
  tail: number | 'all';
  timestamps: boolean;
  /** Changing it re-opens the stream (e.g. the container started again). */
  epoch: number;
}

export function useLogStream({ id, tail, timestamps, epoch }: LogStreamOptions): BufferedLog {
  return useBufferedLog(
    (handlers) => api.containers.logs.subscribe({ id, follow: true, tail, timestamps }, handlers),
    JSON.stringify([id, tail, timestamps, epoch]),
  );
}
