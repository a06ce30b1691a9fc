/**
 * Shells and commands in a pod's container: the `kube.exec` stream opens a session (a TTY by default) and
 * pushes its output; `execWrite` and `execResize` name the session. Without a command it starts /bin/bash,
 * else /bin/sh, and says clearly when the container has neither or is not running.
 */
import { randomUUID } from 'node:crypto';
import type { StreamSink } from '../../../contract/define';
import type { TerminalEvent } from '../../../contract/containers';
import { ApiError } from '../../../contract/errors';
import { clientsFor, type KubeClients } from '../clients';
import { toKubeError } from '../kubeErrors';
import { ExecChannel, type ExecTarget } from './execChannel';
import { pickContainer, requireRunning } from './podContainer';

export const SHELLS = ['/bin/bash', '/bin/sh'];
/** How long a shell may stay silent before it counts as started (a failed start reports at once). */
const START_WAIT_MS = 1500;

export interface ExecRequest {
  context: string;
  kubeconfig?: string;
  namespace: string;
  name: string;
  container?: string;
  command?: string[];
  tty: boolean;
  cols: number;
  rows: number;
}

/** Opens the first of `commands` that exists in the container; null when none does. */
export async function openFirst(
  c: KubeClients,
  base: Omit<ExecTarget, 'command'>,
  commands: string[][],
  size: { cols: number; rows: number },
): Promise<{ channel: ExecChannel; command: string[] } | null> {
  for (const command of commands) {
    const channel = await ExecChannel.open(c, { ...base, command }, size);
    const first = await channel.first(START_WAIT_MS);
    if (first.type === 'status' && first.outcome.kind === 'failed') {
      channel.close();
      if (first.outcome.missingCommand) continue;
      throw new ApiError('failed', first.outcome.message, 'The container runtime refused to start the command.');
    }
    return { channel, command };
  }
  return null;
}

export class PodExecSessions {
  private readonly sessions = new Map<string, ExecChannel>();

  async open(r: ExecRequest, sink: StreamSink<TerminalEvent>, signal: AbortSignal): Promise<void> {
    const c = await clientsFor(r);
    let container: string;
    try {
      const pod = await c.core.readNamespacedPod({ name: r.name, namespace: r.namespace });
      const ref = pickContainer(pod, r.container);
      requireRunning(pod, ref, r.command ? 'run a command in' : 'open a shell in');
      container = ref.name;
    } catch (e) {
      throw toKubeError(e, c);
    }
    const base = { namespace: r.namespace, pod: r.name, container, tty: r.tty };
    const size = { cols: r.cols, rows: r.rows };
    const opened = await openFirst(c, base, r.command ? [r.command] : SHELLS.map((s) => [s]), size);
    if (!opened) {
      throw new ApiError(
        'not_found',
        r.command
          ? `"${r.command[0]}" does not exist in container "${container}" of pod ${r.name}.`
          : `Container "${container}" of pod ${r.name} has no shell: neither ${SHELLS.join(' nor ')} exists in its image.`,
        r.command
          ? 'Check the command’s path in the image.'
          : 'Images built FROM scratch or distroless ones have no shell; read its logs, or attach a debug container (kubectl debug).',
      );
    }
    const { channel, command } = opened;
    if (signal.aborted) {
      channel.close();
      return;
    }
    const sessionId = randomUUID();
    this.sessions.set(sessionId, channel);
    sink.next({ type: 'started', sessionId, command });
    let code: number | null = null;
    channel.listen((s) => {
      if (s.type === 'output') sink.next({ type: 'output', data: s.data });
      else if (s.type === 'status') {
        if (s.outcome.kind === 'exited') code = s.outcome.code;
        else sink.next({ type: 'output', data: `\r\n${s.outcome.message}\r\n` });
      } else {
        this.sessions.delete(sessionId);
        sink.next({ type: 'exit', code });
        sink.end();
      }
    });
    signal.addEventListener(
      'abort',
      () => {
        this.sessions.delete(sessionId);
        channel.close();
      },
      { once: true },
    );
  }

  write(sessionId: string, data: string): void {
    this.get(sessionId).write(data);
  }

  resize(sessionId: string, cols: number, rows: number): void {
    this.get(sessionId).resize(cols, rows);
  }

  closeAll(): void {
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
  }

  private get(sessionId: string): ExecChannel {
    const s = this.sessions.get(sessionId);
    if (!s) throw new ApiError('not_found', 'That shell session has ended.', 'Open a new one.');
    return s;
  }
}
