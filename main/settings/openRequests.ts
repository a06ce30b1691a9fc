/**
 * What the desktop shell asks the renderer to do: open a compose file (second launch, file association,
 * macOS open-file) or show a view (menu, tray). Open requests that arrive while no window listens are kept
 * and handed to the next subscriber, once, so a file passed at launch is not lost before the UI is up.
 */
import { EventEmitter } from 'node:events';
import type { NavigateRequest, OpenRequest } from '../../contract/settings';

const MAX_PENDING = 20;

export class ShellRequests {
  private nextId = 1;
  private pending: OpenRequest[] = [];
  /** The last view asked for while no window listened (e.g. 'compose' for a file given at launch). */
  private pendingView: string | undefined;
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  openComposeFile(path: string): OpenRequest {
    const request: OpenRequest = { id: this.nextId++, kind: 'compose-file', path };
    if (this.emitter.listenerCount('open') > 0) this.emitter.emit('open', request);
    else this.pending = [...this.pending, request].slice(-MAX_PENDING);
    return request;
  }

  navigate(view: string): void {
    if (this.emitter.listenerCount('navigate') > 0) this.emitter.emit('navigate', { view } satisfies NavigateRequest);
    else this.pendingView = view;
  }

  /** Subscribes to open requests; first receives (and takes) whatever was pending. */
  onOpen(listener: (request: OpenRequest) => void): () => void {
    const waiting = this.pending;
    this.pending = [];
    this.emitter.on('open', listener);
    for (const r of waiting) listener(r);
    return () => this.emitter.off('open', listener);
  }

  onNavigate(listener: (request: NavigateRequest) => void): () => void {
    const view = this.pendingView;
    this.pendingView = undefined;
    this.emitter.on('navigate', listener);
    if (view) listener({ view });
    return () => this.emitter.off('navigate', listener);
  }
}
