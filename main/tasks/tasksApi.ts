import type { ApiImplementation } from '../../contract/api';
import { untilAborted } from '../common/streams';
import type { Services } from '../services';

export function tasksApi({ tasks }: Pick<Services, 'tasks'>): ApiImplementation['tasks'] {
  return {
    watch: (_input, sink, signal) => {
      sink.next({ type: 'snapshot', tasks: tasks.list() });
      untilAborted(
        signal,
        tasks.onEvent((event) => sink.next(event)),
      );
    },
    cancel: async ({ id }) => ({ cancelled: tasks.cancel(id) }),
    wait: async ({ id }) => tasks.wait(id),
    log: async ({ id }) => ({ lines: tasks.logOf(id) }),
    clear: async () => ({ removed: tasks.clearFinished() }),
  };
}
