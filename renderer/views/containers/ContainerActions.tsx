import { api } from '../../api';
import type { ContainerSummary } from '../../../contract/containers';
import { confirm } from '../../components/ConfirmDialog';
import { attempt, notify } from '../../stores/toastStore';

export async function removeContainer(c: ContainerSummary): Promise<void> {
  const running = c.state === 'running' || c.state === 'paused' || c.state === 'restarting';
  const answer = await confirm({
    title: `Remove ${c.name}?`,
    message: running
      ? 'It is running: Berth will stop it first. Its writable layer goes with it.'
      : 'Its writable layer goes with it. Named volumes are kept.',
    option: 'Also remove its anonymous volumes',
    confirmLabel: 'Remove',
    danger: true,
  });
  if (!answer.ok) return;
  const done = await attempt(`Could not remove ${c.name}`, () =>
    api.containers.remove({ id: c.id, force: running, volumes: answer.option }),
  );
  if (done) notify('success', `Removed ${c.name}`);
}

export function ContainerActions({ c }: { c: ContainerSummary }) {
  const act = (label: string, run: () => Promise<unknown>) => () => void attempt(`Could not ${label} ${c.name}`, run);
  const running = c.state === 'running';
  const paused = c.state === 'paused';
  return (
    <span className="row-actions">
      {running || paused ? (
        <button
          className="small"
          title="Stop"
          aria-label={`Stop ${c.name}`}
          onClick={act('stop', () => api.containers.stop({ id: c.id }))}
        >
          ■
        </button>
      ) : (
        <button
          className="small"
          title="Start"
          aria-label={`Start ${c.name}`}
          onClick={act('start', () => api.containers.start({ id: c.id }))}
        >
          ▶
        </button>
      )}
      <button
        className="small"
        title="Restart"
        aria-label={`Restart ${c.name}`}
        onClick={act('restart', () => api.containers.restart({ id: c.id }))}
      >
        ↻
      </button>
      {(running || paused) && (
        <button
          className="small"
          title={paused ? 'Unpause' : 'Pause'}
          aria-label={`${paused ? 'Unpause' : 'Pause'} ${c.name}`}
          onClick={act(paused ? 'unpause' : 'pause', () =>
            paused ? api.containers.unpause({ id: c.id }) : api.containers.pause({ id: c.id }),
          )}
        >
          {paused ? '⏵' : '⏸'}
        </button>
      )}
      <button
        className="small danger"
        title="Remove"
        aria-label={`Remove ${c.name}`}
        onClick={() => void removeContainer(c)}
      >
        🗑
      </button>
    </span>
  );
}
