/**
 * The engine pool as the backend runs it: real EngineConnections (each with its own live lists) for
 * the contexts of Settings' keptEngines, following the settings and the engine in use as they change.
 */
import type { Services } from '../services';
import { EngineConnection } from './connection';
import { readContext } from './dockerContexts';
import { engineCollections } from './engineCollections';
import { contextOf } from './endpoint';
import { EnginePool } from './enginePool';

export function keptEnginePool(
  engine: EngineConnection,
  settings: Pick<Services['settings'], 'current' | 'onChange'>,
  onDispose: (stop: () => void) => void,
): EnginePool {
  const env = engine.environment;
  const pool = new EnginePool({
    open: (name) => {
      const connection = new EngineConnection({ context: name }, env);
      return { name, connection, docker: connection.docker, lists: engineCollections(connection) };
    },
    exists: (name) => name === 'default' || readContext(env, name) !== undefined,
  });
  const sync = () => pool.sync(settings.current.keptEngines, contextOf(engine.endpoint));
  sync();
  const off = settings.onChange(sync);
  onDispose(() => {
    off();
    pool.dispose();
  });
  return pool;
}
