import { useState } from 'react';
import { api } from '../api';
import { useTasks } from '../stores/tasksStore';
import { attempt } from '../stores/toastStore';
import { useNav } from '../stores/navStore';
import type { Task } from '../../contract/tasks';
import { BuildFailureView } from './BuildFailureView';
import { CodeText } from './CodeText';

function Progress({ fraction }: { fraction: number | null }) {
  return (
    <div
      className={fraction === null ? 'progress indeterminate' : 'progress'}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
    >
      <div className="progress-fill" style={{ width: fraction === null ? '30%' : `${Math.round(fraction * 100)}%` }} />
    </div>
  );
}

function TaskRow({ task }: { task: Task }) {
  const [showLog, setShowLog] = useState(false);
  const log = useTasks((s) => s.logs.get(task.id));
  return (
    <li className={`task ${task.state}`} data-testid="task" data-kind={task.kind} data-state={task.state}>
      <div className="task-head">
        <strong>{task.title}</strong>
        <span className={`badge ${task.state}`}>{task.state}</span>
        {task.state === 'running' && task.cancellable && (
          <button className="small" onClick={() => void attempt('Cancel', () => api.tasks.cancel({ id: task.id }))}>
            Cancel
          </button>
        )}
        <button className="small link" onClick={() => setShowLog(!showLog)}>
          {showLog ? 'Hide log' : 'Log'}
        </button>
      </div>
      {task.state === 'running' && <Progress fraction={task.fraction} />}
      <div className="task-message">
        <CodeText
          text={task.error ? `${task.error.message}${task.error.hint ? ` — ${task.error.hint}` : ''}` : task.message}
        />
      </div>
      {task.error?.code === 'no_space' && (
        <button className="small" onClick={() => useNav.getState().go('disk')}>
          Free space…
        </button>
      )}
      {task.kind === 'image.build' && task.error && <BuildFailureView error={task.error} />}
      {task.steps.length > 0 && (
        <ul className="task-steps">
          {task.steps.slice(-8).map((s) => (
            <li key={s.id}>
              <span className="mono">{s.label}</span> <span className="muted">{s.status}</span>
              {s.fraction !== null && s.fraction < 1 && <Progress fraction={s.fraction} />}
            </li>
          ))}
        </ul>
      )}
      {showLog && <pre className="task-log">{(log ?? []).join('\n') || 'No output yet.'}</pre>}
    </li>
  );
}

export function TaskCenter() {
  const { tasks, open, setOpen } = useTasks();
  if (!open) return null;
  const list = [...tasks.values()].sort((a, b) => b.startedAt - a.startedAt);
  return (
    <aside className="task-center" aria-label="Tasks" data-testid="task-center">
      <header>
        <h2>Tasks</h2>
        <button className="small" onClick={() => void api.tasks.clear()}>
          Clear finished
        </button>
        <button className="small" aria-label="Close tasks" onClick={() => setOpen(false)}>
          ✕
        </button>
      </header>
      {list.length === 0 ? (
        <p className="muted">No tasks yet. Pulls, builds and compose runs show here.</p>
      ) : (
        <ul>
          {list.map((t) => (
            <TaskRow key={t.id} task={t} />
          ))}
        </ul>
      )}
    </aside>
  );
}
