/**
 * The engine's choice, part of the system domain: the docker contexts Berth can use (the CLI's current one
 * and Berth's own marked), switching to one now, keeping others connected beside it (the engine pool), every
 * connected engine's state, trusting an ssh host key the connection refused as unknown, and trying the engine
 * again now ("Retry now") instead of waiting out the pause before the next attempt. A switch is
 * remembered in Settings (engineContext) and clears a host set there, which would win; kept contexts are
 * remembered in keptEngines.
 */
import type { ApiImplementation } from '../../contract/api';
import type { DockerContext, DockerContexts } from '../../contract/engines';
import type { ConnectedEngine } from '../../contract/system';
import { untilAborted } from '../common/streams';
import { ApiError } from '../../contract/errors';
import { OK } from '../../contract/collection';
import type { Services } from '../services';
import { currentContextName, dockerConfigDir, listContexts } from './dockerContexts';
import { contextOf, defaultEndpoint, endpointIsLocal } from './endpoint';
import { appendKnownHost } from './transport/knownHosts';
import { userKnownHosts } from './transport/sshTunnel';

export type EngineCalls = Pick<
  ApiImplementation['system'],
  'contexts' | 'useContext' | 'keepContext' | 'engines' | 'trustHostKey' | 'reconnect'
>;

export function enginesApi({
  engine,
  settings,
  enginePool,
}: Pick<Services, 'engine' | 'settings' | 'enginePool'>): EngineCalls {
  const contexts = (): DockerContexts => {
    const env = engine.environment;
    const cliCurrent = currentContextName(env);
    const using = contextOf(engine.endpoint);
    const kept = new Set(settings.current.keptEngines);
    const byDefault = defaultEndpoint(env);
    const entry = (c: Omit<DockerContext, 'current' | 'inUse' | 'kept' | 'local'>): DockerContext => ({
      ...c,
      current: c.name === cliCurrent,
      inUse: c.name === using,
      kept: kept.has(c.name),
      local: endpointIsLocal(c.host),
    });
    const list: DockerContext[] = [
      entry({
        name: 'default',
        description: `DOCKER_HOST or the default socket (${byDefault.source})`,
        host: byDefault.url,
        tls: !!byDefault.tls,
        tlsVerify: byDefault.tls?.verify ?? false,
      }),
      ...listContexts(env).map((c) =>
        entry({
          name: c.name,
          description: c.description,
          host: c.host,
          tls: !!c.tls,
          tlsVerify: c.tls?.verify ?? false,
        }),
      ),
    ];
    const host = settings.current.engineHost;
    return { contexts: list, configDir: dockerConfigDir(env), ...(host ? { hostOverride: host } : {}) };
  };
  const known = (name: string) => {
    if (!contexts().contexts.some((c) => c.name === name)) {
      throw new ApiError(
        'not_found',
        `No docker context named ${name}.`,
        'Create it with `docker context create`, or pick one from the list.',
      );
    }
  };
  const connected = (): ConnectedEngine[] => {
    const inUse = engine.current;
    return [
      { ...inUse, name: contextOf(engine.endpoint) ?? engine.endpoint.url, inUse: true },
      ...enginePool.list().map((k) => ({ ...k.connection.current, name: k.name, inUse: false })),
    ];
  };
  return {
    contexts: async () => contexts(),
    useContext: async ({ name }) => {
      known(name);
      // The backend follows these settings: it switches the engine when they change.
      await settings.update({ engineContext: name, engineHost: '' });
      return contexts();
    },
    keepContext: async ({ name, keep }) => {
      if (keep) known(name);
      const others = settings.current.keptEngines.filter((n) => n !== name);
      // The engine pool follows this setting: it connects or closes the engine when it changes.
      await settings.update({ keptEngines: keep ? [...others, name] : others });
      return contexts();
    },
    engines: (_input, sink, signal) => {
      const push = () => sink.next({ engines: connected() });
      push();
      untilAborted(signal, engine.onState(push));
      untilAborted(signal, enginePool.onChange(push));
    },
    trustHostKey: async (input) => {
      const offered = engine.current.hostKey;
      if (
        !offered ||
        offered.status !== 'unknown' ||
        offered.host !== input.host ||
        offered.port !== input.port ||
        offered.type !== input.type ||
        offered.key !== input.key
      ) {
        throw new ApiError(
          'conflict',
          'That host key is not the one the engine connection is asking about.',
          'Only an unknown key shown in the engine status can be trusted; a changed key never is.',
        );
      }
      const file = userKnownHosts(engine.environment.home);
      appendKnownHost(file, input.host, input.port, { type: input.type, base64: input.key });
      engine.reconnectNow();
      return { file };
    },
    reconnect: async () => {
      if (!engine.connected) engine.reconnectNow();
      return OK;
    },
  };
}
