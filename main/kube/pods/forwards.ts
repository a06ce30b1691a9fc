/**
 * The port-forwards main owns: each a 127.0.0.1 listener whose every connection is resolved (pod, or a
 * ready pod behind a Service) and piped through the Kubernetes port-forward API. Listed live to every
 * window (they survive view changes and reloads), stopped one by one or all at once when Berth quits.
 * Knows nothing of Kubernetes itself: the resolving and piping come in a ForwardBackend.
 */
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import type { CollectionEvent } from '../../../contract/collection';
import { ApiError } from '../../../contract/errors';
import type { KubePortForward } from '../../../contract/kubePods';
import type { ConnectionReport } from './forwardConnection';
import type { ForwardSpec, ForwardTarget } from './forwardTarget';
import { LOCAL_HOST, listenLocal } from './localPort';

export interface ForwardBackend {
  /** Where connection number `turn` goes; throws when there is nowhere (no ready pod). */
  resolve(turn: number): Promise<ForwardTarget>;
  /** Pipes the socket to the target; reports errors and the end. */
  connect(target: ForwardTarget, socket: net.Socket, report: ConnectionReport): Promise<void>;
  /** Lets go of what the connections share (open sessions), when the forward stops. */
  close?(): void;
}

export interface StartForward extends ForwardSpec {
  context: string;
  localPort: number;
  backend: ForwardBackend;
  /** A problem known at start that does not stop the forward (a Service with no ready pod yet). */
  warning?: string;
}

interface Forward {
  info: KubePortForward;
  backend: ForwardBackend;
  server: net.Server;
  sockets: Set<net.Socket>;
  turn: number;
}

type Listener = (event: CollectionEvent<KubePortForward>) => void;

const COALESCE_MS = 50;

export class PortForwards {
  private readonly forwards = new Map<string, Forward>();
  private readonly listeners = new Set<Listener>();
  private readonly changed = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;

  async start(s: StartForward): Promise<KubePortForward> {
    // Half-open: a client that is done sending still gets the pod's answer.
    const server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true });
    const localPort = await listenLocal(server, s.localPort);
    const id = randomUUID();
    const forward: Forward = {
      info: {
        id,
        context: s.context,
        namespace: s.namespace,
        kind: s.kind,
        name: s.name,
        port: s.port,
        localPort,
        url: `http://${LOCAL_HOST}:${localPort}/`,
        startedAt: new Date().toISOString(),
        connections: 0,
        active: 0,
        pod: s.kind === 'pod' ? s.name : undefined,
        error: s.warning,
      },
      server,
      backend: s.backend,
      sockets: new Set(),
      turn: 0,
    };
    server.on('connection', (socket) => void this.accept(forward, s.backend, socket));
    server.on('error', (e) => this.update(forward, { error: e.message }));
    this.forwards.set(id, forward);
    this.emit({ type: 'upsert', items: [forward.info] });
    return forward.info;
  }

  private async accept(f: Forward, backend: ForwardBackend, socket: net.Socket): Promise<void> {
    f.sockets.add(socket);
    socket.on('close', () => f.sockets.delete(socket));
    socket.on('error', () => {});
    this.update(f, { connections: f.info.connections + 1, active: f.info.active + 1 });
    let closed = false;
    const report: ConnectionReport = {
      error: (message) => this.update(f, { error: message }),
      via: (transport) => {
        if (f.info.transport !== transport) this.update(f, { transport });
      },
      closed: () => {
        if (closed) return;
        closed = true;
        this.update(f, { active: Math.max(0, f.info.active - 1) });
      },
    };
    let target: ForwardTarget;
    try {
      target = await backend.resolve(f.turn++);
    } catch (e) {
      socket.destroy();
      report.error(e instanceof Error ? e.message : String(e));
      report.closed();
      return;
    }
    if (!this.forwards.has(f.info.id)) {
      socket.destroy();
      report.closed();
      return;
    }
    this.update(f, { pod: target.pod, error: undefined });
    await backend.connect(target, socket, report);
  }

  stop(id: string): void {
    const f = this.forwards.get(id);
    if (!f) throw new ApiError('not_found', 'That port-forward is not running.', 'It was stopped already.');
    this.close(f);
    this.forwards.delete(id);
    this.changed.delete(id);
    this.emit({ type: 'remove', ids: [id] });
  }

  stopAll(): void {
    for (const f of this.forwards.values()) this.close(f);
    const ids = [...this.forwards.keys()];
    this.forwards.clear();
    clearTimeout(this.flushTimer);
    this.changed.clear();
    if (ids.length) this.emit({ type: 'remove', ids });
  }

  list(): KubePortForward[] {
    return [...this.forwards.values()].map((f) => f.info);
  }

  /** Sends the snapshot, then every change, until the returned function is called. */
  subscribe(listener: Listener): () => void {
    listener({ type: 'snapshot', items: this.list() });
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private close(f: Forward): void {
    f.server.close();
    f.backend.close?.();
    for (const s of f.sockets) s.destroy();
    f.sockets.clear();
  }

  private update(f: Forward, patch: Partial<KubePortForward>): void {
    if (!this.forwards.has(f.info.id)) return;
    f.info = { ...f.info, ...patch };
    this.changed.add(f.info.id);
    this.flushTimer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const items = [...this.changed].flatMap((id) => {
      const f = this.forwards.get(id);
      return f ? [f.info] : [];
    });
    this.changed.clear();
    if (items.length) this.emit({ type: 'upsert', items });
  }

  private emit(event: CollectionEvent<KubePortForward>): void {
    for (const l of this.listeners) l(event);
  }
}
