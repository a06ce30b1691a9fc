/** The compose domain: the CLI, compose files, the live stacks on the engine and the operations on them. */
import type { ApiImplementation } from '../../contract/api';
import type { Services } from '../services';
import { readComposeFile } from './composeFile';
import { ComposeContext } from './context';
import { pipeStackLogs } from './logs';
import { startAction, startDown, startScale } from './stackOps';
import { pipeStacks } from './stacks';
import { describeTool } from './tool';
import { startUp, validateWithCli } from './up';

export function composeApi(
  services: Pick<Services, 'engine' | 'collections' | 'tasks' | 'settings'>,
  ctx = new ComposeContext(services),
): ApiImplementation['compose'] {
  return {
    tool: async () => describeTool(await ctx.redetect()),
    open: async ({ path }) => readComposeFile(path),
    validate: async (input, { signal }) => {
      const cli = await ctx.cli();
      const { scope, file } = await ctx.scopeOfFile(input.file, input.project, input);
      return validateWithCli(cli, scope, signal, file);
    },
    stacks: (_input, sink, signal) => pipeStacks(services.collections.containers, sink, signal),
    up: async (input) => ({ taskId: await startUp(ctx, input) }),
    down: async (input) => ({ taskId: await startDown(ctx, input) }),
    run: async (input) => ({ taskId: await startAction(ctx, input) }),
    scale: async (input) => ({ taskId: await startScale(ctx, input) }),
    logs: (input, sink, signal) => pipeStackLogs(services.engine, input, sink, signal),
  };
}
