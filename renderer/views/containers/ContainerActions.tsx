import { api } from '../../api';
import type { ContainerSummary } from '../../../contract/containers';
import { confirm } from '../../components/ConfirmDialog';
import { attempt, notify } from '../../stores/toastStore';
import { PauseIcon, RemoveIcon, RestartIcon, StartIcon, StopIcon } from './ActionIcons';

export const isLive = (state: string): boolean => state === 'running' || state === 'paused' || state === 'restarting';

/** Asks, then removes `c` (stopping it first when it runs); `context` names a kept engine it is on. */
export async function removeContainer(c: ContainerSummary, context?: string): Promise<boolean> {
  const running = isLive(c.state);
  const answer = await confirm({
    title: `Remove ${c.name}?`,
    message: running
      ? 'It is running: Berth will stop it first. Its writable layer goes with it.'
      : 'Its writable layer goes with it. Named volumes are kept.',
    option: 'Also remove its anonymous volumes',
    confirmLabel: 'Remove',
    danger: true,
  });
  if (!answer.ok) return false;
  const done = await attempt(`Could not remove ${c.name}`, () =>
    api.containers.remove({ id: c.id, context, force: running, volumes: answer.option }),
  );
  if (done) notify('success', `Removed ${c.name}`);
  return Boolean(done);
}

/**
 * The row (and detail header) buttons: start or stop, restart, pause or unpause, remove. `context` names the
 * kept engine the container is on (engine picker › Keep connected); without it, the engine in use.
 */
export function ContainerActions({
  c,
  context,
  onRemoved,
}: {
  c: ContainerSummary;
  context?: string;
  onRemoved?(): void;
}) {
  const act = (label: string, run: () => Promise<unknown>) => () => void attempt(`Could not ${label} ${c.name}`, run);
  const id = { id: c.id, context };
  const running = c.state === 'running';
  const paused = c.state === 'paused';
  return (
    <span className="row-actions">
      {running || paused ? (
        <button
          className="small icon-button"
          title="Stop"
          aria-label={`Stop ${c.name}`}
          onClick={act('stop', () => api.containers.stop(id))}
        >
          <StopIcon />
        </button>
      ) : (
        <button
          className="small icon-button"
          title="Start"
          aria-label={`Start ${c.name}`}
          onClick={act('start', () => api.containers.start(id))}
        >
          <StartIcon />
        </button>
      )}
      <button
        className="small icon-button"
        title="Restart"
        aria-label={`Restart ${c.name}`}
        onClick={act('restart', () => api.containers.restart(id))}
      >
        <RestartIcon />
      </button>
      {(running || paused) && (
        <button
          className="small icon-button"
          title={paused ? 'Unpause' : 'Pause'}
          aria-label={`${paused ? 'Unpause' : 'Pause'} ${c.name}`}
          onClick={act(paused ? 'unpause' : 'pause', () =>
            paused ? api.containers.unpause(id) : api.containers.pause(id),
          )}
        >
          {paused ? <StartIcon /> : <PauseIcon />}
        </button>
      )}
      <button
        className="small icon-button danger"
        title="Remove"
        aria-label={`Remove ${c.name}`}
        onClick={() => void removeContainer(c, context).then((removed) => removed && onRemoved?.())}
      >
        <RemoveIcon />
      </button>
    </span>
  );
}
