/**
 * The bridge process's JS heap through its V8 inspector (a bridge started with `inspect: true`): a forced
 * GC, then `Runtime.getHeapUsage`, so the figure is what stays alive, not garbage not yet collected.
 */
import WebSocket from 'ws';

const MiB = 1024 * 1024;

export interface HeapInspector {
  /** Used JS heap in MiB, after a full GC. */
  heapAfterGcMiB(): Promise<number>;
  close(): void;
}

export async function connectInspector(url: string): Promise<HeapInspector> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    const w = m.id === undefined ? undefined : waiting.get(m.id);
    if (!w || m.id === undefined) return;
    waiting.delete(m.id);
    if (m.error) w.reject(new Error(m.error.message));
    else w.resolve(m.result);
  });
  const send = <T>(method: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      ws.send(JSON.stringify({ id, method }));
    });
  await send('HeapProfiler.enable');
  return {
    heapAfterGcMiB: async () => {
      await send('HeapProfiler.collectGarbage');
      const { usedSize } = await send<{ usedSize: number }>('Runtime.getHeapUsage');
      return usedSize / MiB;
    },
    close: () => ws.close(),
  };
}
