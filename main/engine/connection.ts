/**
 * The one connection to the Docker engine. It owns the Dockerode client and Docker's event stream, fans
 * events out to the collections, reports its state, and reconnects by itself when the engine restarts.
 * While connected nothing polls: the event stream is the heartbeat.
 */
import Docker from 'dockerode';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import split2 from '../common/lineSplitter';
import type { EngineState } from '../../contract/system';
import { ENGINE_HINT, toApiError } from '../common/toApiError';
import { dockerodeOptions, resolveEndpoint, type EngineEndpoint } from './endpoint';

/** One message from GET /events. */
export interface DockerEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  time: number;
  timeNano: number;
}

const RETRY_MS = [500, 1000, 2000, 3000, 5000];
/** An event stream that lived this long was a working connection: when it drops, reconnect at once. */
const STABLE_MS = 5_000;

export class EngineConnection {
  readonly docker: Docker;
  readonly endpoint: EngineEndpoint;
  private state: EngineState;
  private readonly emitter = new EventEmitter();
  private eventsStream: NodeJS.ReadableStream | undefined;
  private retry = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private countsTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private builder: Promise<string | undefined> | undefined;

  constructor(override?: string) {
    this.endpoint = resolveEndpoint(override);
    this.docker = new Docker(dockerodeOptions(this.endpoint.url));
    this.state = { status: 'connecting', endpoint: this.endpoint.url, source: this.endpoint.source };
    this.emitter.setMaxListeners(0);
    void this.connect();
  }

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
    clearTimeout(this.countsTimer);
    this.destroyStream();
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
    try {
      const since = Math.floor(Date.now() / 1000);
      const stream = await this.docker.getEvents({ since });
      if (this.disposed) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        return;
      }
      this.eventsStream = stream;
      stream.pipe(split2()).on('data', (line: string) => {
        if (!line.trim()) return;
        try {
          const event = JSON.parse(line) as DockerEvent;
          this.emitter.emit('event', event);
          if (event.Type === 'container' || event.Type === 'image') this.scheduleCounts();
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
        this.builder = undefined;
        this.setState({
          status: 'connecting',
          endpoint: this.endpoint.url,
          source: this.endpoint.source,
          error: 'Lost the connection to the Docker engine; reconnecting…',
        });
        void this.connect();
      };
      stream.on('error', dropped);
      stream.on('end', () => dropped(undefined));
      stream.on('close', () => dropped(undefined));
      const [version, info, images] = await Promise.all([this.docker.version(), this.docker.info(), this.imageCount()]);
      this.retry = 0;
      const wasConnected = this.state.status === 'connected';
      this.setState({
        status: 'connected',
        endpoint: this.endpoint.url,
        source: this.endpoint.source,
        version: version.Version,
        apiVersion: version.ApiVersion,
        os: `${version.Os}/${version.Arch}`,
        ...counts(info as DockerInfo, images),
      });
      if (!wasConnected) this.emitter.emit('reconnect');
    } catch (e) {
      this.unreachable(e);
    }
  }

  private unreachable(why: unknown): void {
    if (this.disposed) return;
    this.destroyStream();
    this.builder = undefined;
    const error = toApiError(why);
    this.setState({
      status: 'unreachable',
      endpoint: this.endpoint.url,
      source: this.endpoint.source,
      error: error.message,
      hint: error.hint ?? ENGINE_HINT,
    });
    clearTimeout(this.retryTimer);
    const delay = RETRY_MS[Math.min(this.retry, RETRY_MS.length - 1)] ?? 5000;
    this.retry += 1;
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  /**
   * Images as the Images view counts them: each image `docker images` lists, once however many tags it has.
   * (The engine's own `Images` figure also counts build intermediates, which no view shows.)
   */
  private async imageCount(): Promise<number> {
    return (await this.docker.listImages()).length;
  }

  /** Container and image counts for the status bar, refreshed once per burst of events. */
  private scheduleCounts(): void {
    if (this.countsTimer) return;
    this.countsTimer = setTimeout(() => {
      this.countsTimer = undefined;
      Promise.all([this.docker.info(), this.imageCount()])
        .then(([info, images]: [DockerInfo, number]) => {
          if (this.state.status === 'connected') this.setState({ ...this.state, ...counts(info, images) });
        })
        .catch(() => {});
    }, 250);
  }
}

interface DockerInfo {
  ContainersRunning?: number;
  ContainersPaused?: number;
  ContainersStopped?: number;
}

const counts = (info: DockerInfo, images: number) => ({
  containers: {
    running: info.ContainersRunning ?? 0,
    paused: info.ContainersPaused ?? 0,
    stopped: info.ContainersStopped ?? 0,
  },
  images,
});
