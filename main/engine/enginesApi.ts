/**
 * The engine's choice, part of the system domain: the docker contexts Berth can use (the CLI's current one
 * and Berth's own marked), switching to one now, and trusting an ssh host key the connection refused as
 * unknown. A switch is remembered in Settings (engineContext) and clears a host set there, which would win.
 */
import type { ApiImplementation } from '../../contract/api';
import type { DockerContext, DockerContexts } from '../../contract/engines';
import { ApiError } from '../../contract/errors';
import type { Services } from '../services';
import { currentContextName, dockerConfigDir, listContexts } from './dockerContexts';
import { defaultEndpoint, endpointIsLocal } from './endpoint';
import { appendKnownHost } from './transport/knownHosts';
import { userKnownHosts } from './transport/sshTunnel';

export type EngineCalls = Pick<ApiImplementation['system'], 'contexts' | 'useContext' | 'trustHostKey'>;

export function enginesApi({ engine, settings }: Pick<Services, 'engine' | 'settings'>): EngineCalls {
  const contexts = (): DockerContexts => {
    const env = engine.environment;
    const cliCurrent = currentContextName(env);
    const using = engine.endpoint.context ?? (engine.endpoint.source === 'Settings' ? undefined : 'default');
    const byDefault = defaultEndpoint(env);
    const entry = (c: Omit<DockerContext, 'current' | 'inUse' | 'local'>): DockerContext => ({
      ...c,
      current: c.name === cliCurrent,
      inUse: c.name === using,
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
  return {
    contexts: async () => contexts(),
    useContext: async ({ name }) => {
      if (!contexts().contexts.some((c) => c.name === name)) {
        throw new ApiError(
          'not_found',
          `No docker context named ${name}.`,
          'Create it with `docker context create`, or pick one from the list.',
        );
      }
      // The backend follows these settings: it switches the engine when they change.
      await settings.update({ engineContext: name, engineHost: '' });
      return contexts();
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
  };
}
