/**
 * The engines kept connected beside the one in use (Settings' keptEngines, docker context names), say the
 * laptop and a build server: one EngineConnection and its live lists each, opened when a context is kept
 * and closed when it is let go (its lists with it: they do not linger for a later page). The engine in use
 * is never opened twice: while a kept context is the one in use, its entry here is closed and the main
 * connection serves it. Listeners hear of every change (one kept or let go, any kept engine's state), so the
 * status bar can show each one.
 */
import { EventEmitter } from 'node:events';
import type Docker from 'dockerode';
import type { EngineState } from '../../contract/system';
import type { EngineLists } from './engineCollections';

/** What the pool needs of a connection (an EngineConnection; a fake in unit tests). */
export interface PooledConnection {
  readonly current: EngineState;
  onState(listener: (state: EngineState) => void): () => void;
  dispose(): void;
}

export interface KeptEngine {
  name: string;
  connection: PooledConnection;
  /** Its engine API client, for actions on its objects. */
  docker: Docker;
  /**
   * Its live lists (containers, images, volumes, networks), each listening while watched and, while the
   * engine is connected, 30 s after (liveCollection.ts); closed when the engine is let go, ending any linger.
   */
  lists: EngineLists;
}

export interface EnginePoolDeps {
  /** Opens a connection and its live lists for a docker context. */
  open(name: string): KeptEngine;
  /** Whether the docker context still exists (one deleted meanwhile is not connected to). */
  exists(name: string): boolean;
}

export class EnginePool {
  private readonly kept = new Map<string, { engine: KeptEngine; off: () => void }>();
  private readonly emitter = new EventEmitter();

  constructor(private readonly deps: EnginePoolDeps) {
    this.emitter.setMaxListeners(0);
  }

  /**
   * Makes the pool hold exactly the wanted contexts that exist, less the one in use: opens the new ones and
   * closes the ones no longer wanted.
   */
  sync(wanted: readonly string[], inUse: string | undefined): void {
    const next = new Set(wanted.filter((n) => n !== inUse && this.deps.exists(n)));
    let changed = false;
    for (const [name, entry] of this.kept) {
      if (next.has(name)) continue;
      entry.off();
      entry.engine.connection.dispose();
      // Its lists stop now if no one watches them, and at once when their last subscriber leaves, not after a linger.
      for (const list of Object.values(entry.engine.lists)) list.close?.();
      this.kept.delete(name);
      changed = true;
    }
    for (const name of next) {
      if (this.kept.has(name)) continue;
      const engine = this.deps.open(name);
      const off = engine.connection.onState(() => this.emitter.emit('change'));
      this.kept.set(name, { engine, off });
      changed = true;
    }
    if (changed) this.emitter.emit('change');
  }

  /** A kept engine by its context name. */
  get(name: string): KeptEngine | undefined {
    return this.kept.get(name)?.engine;
  }

  /** The kept engines, in the order they were kept. */
  list(): KeptEngine[] {
    return [...this.kept.values()].map((e) => e.engine);
  }

  /** Called when an engine is kept or let go, or a kept one's state changes. */
  onChange(listener: () => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  dispose(): void {
    this.sync([], undefined);
    this.emitter.removeAllListeners();
  }
}
