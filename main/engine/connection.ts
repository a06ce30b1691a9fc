/**
 * The one connection to the Docker engine. It owns the Dockerode client and Docker's event stream, fans
 * events out to the collections, reports its state, and reconnects by itself when the engine restarts, with
 * growing pauses for a remote engine. It can be switched to another endpoint (a docker context picked in
 * Berth) while running: the Dockerode object stays the same (its transport is swapped), so every domain keeps
 * its reference. While a local engine is connected nothing polls: the event stream is the heartbeat; a
 * remote one is also pinged now and then, since a vanished host may never close the stream. A call that waits
 * long gets the engine pinged once (transport/callGuard.ts): an engine that stalled is shown unreachable.
 */
import Docker from 'dockerode';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import split2 from '../common/lineSplitter';
import type { EngineState } from '../../contract/system';
import { ApiError } from '../../contract/errors';
import { HostKeyProblem } from '../../contract/engines';
import { ENGINE_HINT, toApiError } from '../common/toApiError';
import {
  defaultEndpointEnv,
  endpointIsLocal,
  resolveEndpoint,
  type EndpointEnv,
  type EngineChoice,
  type EngineEndpoint,
} from './endpoint';
import { engineClient, type EngineClient } from './transport/engineClient';
import { watchCalls } from './transport/callGuard';
import { PacedRefresh } from './pacedRefresh';

/** One message from GET /events. */
export interface DockerEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  time: number;
  timeNano: number;
}

const LOCAL_RETRY_MS = [500, 1000, 2000, 3000, 5000];
const REMOTE_RETRY_MS = [1000, 2000, 4000, 8000, 15_000, 30_000];
/** How long connecting (events, version, info) may take before the engine counts as unreachable. */
export const CONNECT_TIMEOUT_MS = 20_000;
/** A remote engine is pinged this often while connected; a ping that fails or hangs drops the connection. */
const HEARTBEAT_MS = 15_000;
const PING_TIMEOUT_MS = 10_000;
/** An event stream that lived this long was a working connection: when it drops, reconnect at once. */
const STABLE_MS = 5_000;

export class EngineConnection {
  readonly docker: Docker;
  private point: EngineEndpoint;
  private client: EngineClient | undefined;
  private state: EngineState;
  private readonly emitter = new EventEmitter();
  private eventsStream: NodeJS.ReadableStream | undefined;
  private retry = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  /** The status bar's container and image counts, refreshed once per burst of events (pacedRefresh.ts). */
  private readonly statusCounts = new PacedRefresh(
    () => Promise.all([this.docker.info() as Promise<DockerInfo>, this.imageCount()]),
    ([info, images]) => {
      if (this.state.status === 'connected') this.setState({ ...this.state, ...counts(info, images) });
    },
    250,
  );
  private heartbeat: NodeJS.Timeout | undefined;
  private disposed = false;
  private builder: Promise<string | undefined> | undefined;
  /** Bumped by every switch and reconnect, so a late answer from an earlier attempt is ignored. */
  private generation = 0;
  /** When Berth began trying to reach the engine (chosen, or last seen connected); unset while connected. */
  private trying: number | undefined = Date.now();

  /**
   * `makeClient` makes the transport for an endpoint (engineClient); unit tests hand in a fake engine's, so the
   * retry schedule can be checked on fake timers.
   */
  constructor(
    choice?: EngineChoice | string,
    private readonly env: EndpointEnv = defaultEndpointEnv(),
    private readonly makeClient: (endpoint: EngineEndpoint, env: EndpointEnv) => EngineClient = engineClient,
  ) {
    this.point = resolveEndpoint(choice, env);
    this.docker = new Docker({ socketPath: '/nonexistent' });
    this.state = this.base('connecting');
    this.emitter.setMaxListeners(0);
    this.openClient();
    void this.connect();
  }

  /** The environment endpoints are resolved in (the user's env, home, the CLI's config dir). */
  get environment(): EndpointEnv {
    return this.env;
  }

  /** Where the engine is and how it was found. */
  get endpoint(): EngineEndpoint {
    return this.point;
  }

  /**
   * Connects to another endpoint now: drops the event stream and the old transport, then connects afresh
   * (collections re-list on the reconnect). The state says `connecting` meanwhile.
   */
  switchTo(choice: EngineChoice | string | undefined): void {
    if (this.disposed) return;
    this.point = resolveEndpoint(choice, this.env);
    this.trying = Date.now();
    this.reconnectNow();
  }

  /**
   * Drops everything and connects again at once (after trusting a host key, a changed choice, or the user's
   * "Retry now"); the pauses between failed attempts start again from the shortest.
   */
  reconnectNow(): void {
    if (this.disposed) return;
    this.trying ??= Date.now();
    this.generation += 1;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    this.destroyStream();
    this.client?.dispose();
    this.builder = undefined;
    this.retry = 0;
    this.openClient();
    this.setState(this.base('connecting'));
    void this.connect();
  }

  private base(status: EngineState['status']): EngineState {
    return {
      status,
      endpoint: this.point.url,
      source: this.point.source,
      local: endpointIsLocal(this.point.url),
      ...(this.point.context ? { context: this.point.context } : {}),
      ...(this.client ? { transport: this.client.transport } : {}),
      ...(status !== 'connected' && this.trying !== undefined ? { tryingSince: this.trying } : {}),
    };
  }

  /** Makes the transport for the endpoint and puts it under the shared Dockerode object. */
  private openClient(): void {
    try {
      const client = this.makeClient(this.point, this.env);
      this.client = client;
      this.docker.modem = client.docker.modem;
      // A call that waits long gets the engine pinged; a stalled engine fails it and counts as unreachable.
      watchCalls(client.docker.modem, {
        url: this.point.url,
        onStalled: (error) => {
          if (this.client === client && this.state.status === 'connected') this.unreachable(error);
        },
      });
    } catch (e) {
      this.client = undefined;
      this.clientError = toApiError(e);
    }
  }

  private clientError: ApiError | undefined;

  get current(): EngineState {
    return this.state;
  }

  get connected(): boolean {
    return this.state.status === 'connected';
  }

  onState(listener: (state: EngineState) => void): () => void {
    this.emitter.on('state', listener);
    return () => this.emitter.off('state', listener);
  }

  /** Every Docker event while connected. */
  onEvent(listener: (event: DockerEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** Called after each (re)connect, so collections take a fresh snapshot. */
  onReconnect(listener: () => void): () => void {
    this.emitter.on('reconnect', listener);
    return () => this.emitter.off('reconnect', listener);
  }

  /**
   * Work that needs the engine (clean-up after it went away): runs it now, and again after each reconnect
   * until it succeeds.
   */
  whenBack(work: () => Promise<void>): void {
    const attempt = () => {
      work().catch(() => {
        const off = this.onReconnect(() => {
          off();
          attempt();
        });
      });
    };
    attempt();
  }

  /**
   * Whether the engine stops answering within `ms`, pinged once a second: a shutting-down dockerd stops its
   * containers first (kind's nodes take seconds) and answers meanwhile, so one ping cannot tell.
   */
  async goesAwayWithin(ms: number): Promise<boolean> {
    for (const end = Date.now() + ms; Date.now() < end;) {
      const answered = await deadline(this.docker.ping(), this.point.url, PING_TIMEOUT_MS).then(
        () => true,
        () => false,
      );
      if (!answered) return true;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return false;
  }

  /**
   * The engine's `Builder-Version` from /_ping ('2' BuildKit, '1' classic; 20.10 sends none), asked once
   * per connection: it only changes when the engine restarts.
   */
  builderVersion(): Promise<string | undefined> {
    this.builder ??= new Promise((resolve) => {
      this.docker.modem.dial(
        { path: '/_ping', method: 'GET', isStream: true, statusCodes: { 200: true } },
        (err: unknown, res: unknown) => {
          if (err || !res) {
            this.builder = undefined; // ask again next time
            return resolve(undefined);
          }
          const message = res as IncomingMessage;
          message.resume();
          const v = message.headers['builder-version'];
          resolve(typeof v === 'string' ? v : undefined);
        },
      );
    });
    return this.builder;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retryTimer);
    this.statusCounts.stop();
    clearInterval(this.heartbeat);
    this.destroyStream();
    this.client?.dispose();
    this.emitter.removeAllListeners();
  }

  private setState(next: EngineState): void {
    this.state = next;
    this.emitter.emit('state', next);
  }

  private destroyStream(): void {
    const s = this.eventsStream as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
    this.eventsStream = undefined;
    s?.destroy?.();
  }

  private async connect(): Promise<void> {
    if (this.disposed) return;
    const generation = this.generation;
    const stale = () => this.disposed || generation !== this.generation;
    try {
      if (!this.client) throw this.clientError ?? new ApiError('engine_unreachable', 'No transport to the engine.');
      const since = Math.floor(Date.now() / 1000);
      const stream = await deadline(this.docker.getEvents({ since }), this.point.url);
      if (stale()) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        return;
      }
      this.eventsStream = stream;
      stream.pipe(split2()).on('data', (line: string) => {
        if (!line.trim()) return;
        try {
          const event = JSON.parse(line) as DockerEvent;
          this.emitter.emit('event', event);
          if (event.Type === 'container' || event.Type === 'image') this.statusCounts.ask();
        } catch {
          /* a partial or foreign line; the stream goes on */
        }
      });
      const opened = Date.now();
      const dropped = (why: unknown) => {
        if (this.eventsStream !== stream) return;
        this.eventsStream = undefined;
        // A cut stream says only "aborted": try again at once, so the state the user sees carries the real
        // reason (refused, no socket) or the engine is simply back. A stream that keeps dropping backs off.
        if (Date.now() - opened < STABLE_MS) return this.unreachable(why ?? new Error('the event stream ended'));
        this.generation += 1;
        clearInterval(this.heartbeat);
        this.builder = undefined;
        this.trying = Date.now();
        this.setState({ ...this.base('connecting'), error: 'Lost the connection to the Docker engine; reconnecting…' });
        void this.connect();
      };
      stream.on('error', dropped);
      stream.on('end', () => dropped(undefined));
      stream.on('close', () => dropped(undefined));
      // Connecting waits for what says the engine is there and what it is; the image count (a whole image
      // list: slow on an engine with thousands of tags under load) follows once connected.
      const [version, info] = await deadline(Promise.all([this.docker.version(), this.docker.info()]), this.point.url);
      if (stale()) return;
      this.retry = 0;
      this.trying = undefined;
      const wasConnected = this.state.status === 'connected';
      this.setState({
        ...this.base('connected'),
        engine: engineKindOf(version),
        version: version.Version,
        apiVersion: version.ApiVersion,
        os: `${version.Os}/${version.Arch}`,
        ...counts(info as DockerInfo),
      });
      this.statusCounts.restart();
      if (!this.state.local) this.startHeartbeat(generation);
      if (!wasConnected) this.emitter.emit('reconnect');
    } catch (e) {
      if (!stale()) this.unreachable(e);
    }
  }

  /** Pings a remote engine now and then: a host that vanished without closing the stream is noticed. */
  private startHeartbeat(generation: number): void {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      deadline(this.docker.ping(), this.point.url, PING_TIMEOUT_MS).catch((e: unknown) => {
        if (generation === this.generation && this.state.status === 'connected') this.unreachable(e);
      });
    }, HEARTBEAT_MS);
    this.heartbeat.unref?.();
  }

  private unreachable(why: unknown): void {
    if (this.disposed) return;
    this.trying ??= Date.now();
    this.generation += 1;
    clearInterval(this.heartbeat);
    this.destroyStream();
    this.builder = undefined;
    const error = toApiError(why);
    const hostKey = HostKeyProblem.safeParse((error.details as { hostKey?: unknown } | undefined)?.hostKey);
    clearTimeout(this.retryTimer);
    const schedule = this.state.local ? LOCAL_RETRY_MS : REMOTE_RETRY_MS;
    // A refused host key does not change by waiting: Berth waits for the user to trust it (or fix it).
    const delay = hostKey.success ? undefined : (schedule[Math.min(this.retry, schedule.length - 1)] ?? 5000);
    this.setState({
      ...this.base('unreachable'),
      error: error.message,
      hint: error.hint ?? ENGINE_HINT,
      ...(hostKey.success ? { hostKey: hostKey.data } : {}),
      ...(delay !== undefined ? { retryAt: Date.now() + delay } : {}),
    });
    if (delay === undefined) return;
    this.retry += 1;
    const generation = this.generation;
    this.retryTimer = setTimeout(() => {
      if (generation !== this.generation) return;
      // A remote transport (ssh, TLS) is made afresh, so a key or certificate changed meanwhile is read again.
      if (!this.state.local) {
        this.client?.dispose();
        this.openClient();
      }
      void this.connect();
    }, delay);
  }

  /**
   * Images as the Images view counts them: each image `docker images` lists, once however many tags it has.
   * (The engine's own `Images` figure also counts build intermediates, which no view shows.)
   */
  private async imageCount(): Promise<number> {
    return (await this.docker.listImages()).length;
  }
}

interface DockerInfo {
  ContainersRunning?: number;
  ContainersPaused?: number;
  ContainersStopped?: number;
}

const counts = (info: DockerInfo, images?: number) => ({
  containers: {
    running: info.ContainersRunning ?? 0,
    paused: info.ContainersPaused ?? 0,
    stopped: info.ContainersStopped ?? 0,
  },
  ...(images !== undefined ? { images } : {}),
});

/** Rejects when the engine takes longer than `ms` to answer: a slow or vanished remote engine. */
export function deadline<T>(work: Promise<T>, url: string, ms = CONNECT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ApiError(
            'engine_unreachable',
            `The Docker engine at ${url} did not answer within ${Math.round(ms / 1000)} s.`,
            'Check that the engine and the network to it are up (VPN, firewall); Berth keeps trying with growing pauses.',
          ),
        ),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Podman's compatible service names itself among /version's components ("Podman Engine"). */
function engineKindOf(version: { Components?: Array<{ Name?: string }> }): 'docker' | 'podman' {
  return (version.Components ?? []).some((c) => /podman/i.test(c.Name ?? '')) ? 'podman' : 'docker';
}
