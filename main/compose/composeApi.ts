/** The compose domain: the CLI, compose files, the live stacks on the engine and the operations on them. */
import type { ApiImplementation } from '../../contract/api';
import type { Services } from '../services';
import { readComposeFile } from './composeFile';
import { ComposeContext } from './context';
import { pipeStackLogs } from './logs';
import { startAction, startDown, startScale } from './stackOps';
import { pipeStacks } from './liveStacks';
import { describeTool } from './tool';
import { startUp, validateWithCli } from './up';
import { watchComposeFile } from './watchFile';

/** How long after start Berth looks for the compose CLI, in the background, so the Compose view need not wait. */
const WARM_UP_MS = 500;

export function composeApi(
  services: Pick<Services, 'engine' | 'collections' | 'tasks' | 'settings'> &
    Partial<Pick<Services, 'onDispose' | 'programs'>>,
  ctx = new ComposeContext(services),
): ApiImplementation['compose'] {
  const warmUp = setTimeout(() => void ctx.detection().catch(() => {}), WARM_UP_MS);
  warmUp.unref?.();
  services.onDispose?.(() => clearTimeout(warmUp));
  return {
    tool: async (input) => describeTool(await (input?.again ? ctx.redetect(true) : ctx.detection())),
    open: async ({ path }) => readComposeFile(path),
    validate: async (input, { signal }) => {
      const cli = await ctx.cli();
      const { scope, file } = await ctx.scopeOfFile(input.file, input.project, input);
      return validateWithCli(cli, scope, signal, file);
    },
    watchFile: (input, sink, signal) => watchComposeFile(input, sink, signal),
    stacks: (_input, sink, signal) => pipeStacks(services.collections.containers, sink, signal),
    up: async (input) => ({ taskId: await startUp(ctx, input) }),
    down: async (input) => ({ taskId: await startDown(ctx, input) }),
    run: async (input) => ({ taskId: await startAction(ctx, input) }),
    scale: async (input) => ({ taskId: await startScale(ctx, input) }),
    logs: (input, sink, signal) => pipeStackLogs(services.engine, input, sink, signal),
  };
}
