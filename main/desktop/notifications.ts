/** Desktop notifications when a long task ends while Berth's window is not focused. */
import { Notification } from 'electron';
import type { TaskEvent } from '../../contract/tasks';
import { noticeFor } from './notifyPolicy';

export interface TaskSource {
  onEvent(listener: (event: TaskEvent) => void): () => void;
}

export function notifyLongTasks(tasks: TaskSource, isFocused: () => boolean, onClick: () => void): () => void {
  if (!Notification.isSupported()) return () => {};
  const notified = new Set<string>();
  return tasks.onEvent((event) => {
    const notice = noticeFor(event, isFocused());
    if (!notice || event.type !== 'update' || notified.has(event.task.id)) return;
    notified.add(event.task.id);
    const n = new Notification({ title: notice.title, body: notice.body, silent: false });
    n.on('click', onClick);
    n.show();
  });
}
