/** Assembles main's implementation of the API from its domains. Shared by the Electron app and the web bridge. */
import { api, type ApiImplementation } from '../contract/api';
import { createRouter, type Router, type RouterOptions } from './ipc/router';
import { engineCollections } from './engine/engineCollections';
import { EngineConnection } from './engine/connection';
import { keptEnginePool } from './engine/keptEngines';
import { TaskManager } from './tasks/taskManager';
import { TaskJournal } from './tasks/taskJournal';
import type { DesktopShell, Services } from './services';
import { systemApi } from './system/systemApi';
import { tasksApi } from './tasks/tasksApi';
import { containersApi } from './engine/containers/containersApi';
import { imagesApi } from './engine/images/imagesApi';
import { diskApi } from './engine/disk/diskApi';
import { enginesApi } from './engine/enginesApi';
import type { EndpointEnv } from './engine/endpoint';
import { composeApi } from './compose/composeApi';
import { kubeApi } from './kube/kubeApi';
import { volumesApi } from './engine/volumes/volumesApi';
import { networksApi } from './engine/networks/networksApi';
import { settingsApi } from './settings/settingsApi';
import { SettingsStore } from './settings/settingsStore';
import { ShellRequests } from './settings/openRequests';
import { defaultConfigDir } from './settings/configDir';
import { ProgramMemory } from './common/programMemory';
import { LogSessions } from './common/logs/logSessions';
import { removeStaleTempFolders } from './common/ownTempFolders';
import { logsApi } from './logs/logsApi';
import { join } from 'node:path';

export interface Backend {
  services: Services;
  impl: ApiImplementation;
  router: Router;
  dispose(): void;
}

export interface BackendOptions extends RouterOptions {
  shell: DesktopShell;
  engineOverride?: string;
  /** Where settings.json lives: Electron's userData in the app, else BERTH_CONFIG_DIR or ~/.config/Berth. */
  configDir?: string;
  /** Where engines are looked for (env, home, the CLI's config dir): tests give their own. */
  engineEnv?: EndpointEnv;
}

export function createBackend(options: BackendOptions): Backend {
  const configDir = options.configDir ?? defaultConfigDir();
  // What a Berth that was killed or crashed left in the temp dir (a build's folder) goes at the next start.
  for (const left of removeStaleTempFolders()) options.log?.(`removed ${left}, left by a Berth that is gone`);
  const settings = new SettingsStore(configDir);
  const choice = () => ({
    host: options.engineOverride ?? (settings.current.engineHost || process.env.BERTH_DOCKER_HOST),
    context: settings.current.engineContext || undefined,
  });
  let chosen = JSON.stringify(choice());
  const engine = new EngineConnection(choice(), options.engineEnv);
  const disposers: Array<() => void> = [];
  // The engine follows the Settings (a host, or a context picked in Berth) without a restart.
  disposers.push(
    settings.onChange(() => {
      const next = JSON.stringify(choice());
      if (next === chosen) return;
      chosen = next;
      engine.switchTo(choice());
    }),
  );
  // Registered after the engine's own listener: a switch to a kept context is seen before the pool syncs.
  const enginePool = keptEnginePool(engine, settings, (stop) => disposers.push(stop));
  const services: Services = {
    engine,
    collections: engineCollections(engine),
    enginePool,
    tasks: new TaskManager(new TaskJournal(configDir, options.log)),
    shell: options.shell,
    settings,
    shellRequests: new ShellRequests(),
    programs: new ProgramMemory(join(configDir, 'programs.json')),
    logSessions: new LogSessions(),
    onDispose: (stop) => void disposers.push(stop),
  };
  const impl: ApiImplementation = {
    system: { ...systemApi(services), ...diskApi(services), ...enginesApi(services) },
    tasks: tasksApi(services),
    containers: containersApi(services),
    images: imagesApi(services),
    volumes: volumesApi(services),
    networks: networksApi(services),
    compose: composeApi(services),
    kube: kubeApi(services),
    settings: settingsApi(services),
    logs: logsApi(services),
  };
  return {
    services,
    impl,
    router: createRouter(api, impl, options),
    dispose() {
      for (const stop of disposers.splice(0)) stop();
      services.programs.flush();
      services.tasks.cancelAll();
      void services.logSessions.disposeAll();
      services.engine.dispose();
    },
  };
}
