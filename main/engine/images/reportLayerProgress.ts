/** Feeds pull/push progress messages into a task: layer steps, overall fraction, and a log of status changes. */
import type { TaskHandle } from '../../tasks/taskManager';
import type { LayerProgress, ProgressMessage } from './layerProgress';

export function reportProgress(task: TaskHandle, progress: LayerProgress, label: string) {
  const lastStatus = new Map<string, string>();
  return (m: ProgressMessage): void => {
    const step = progress.apply(m);
    if (step) {
      task.step(step);
      task.progress({ fraction: progress.fraction, message: `${label}: ${m.status ?? ''}` });
    } else if (m.status) {
      task.progress({ message: progress.message });
    }
    const key = m.id ?? '';
    if (m.status && lastStatus.get(key) !== m.status) {
      lastStatus.set(key, m.status);
      task.log(m.id ? `${m.id}: ${m.status}` : m.status);
    }
  };
}
