/** Actions on the selected containers: start, stop, restart, remove; partial failures are reported. */
import { useState } from 'react';
import { api } from '../../api';
import type { BulkAction, ContainerSummary } from '../../../contract/containers';
import { confirm } from '../../components/ConfirmDialog';
import { attempt, notify } from '../../stores/toastStore';
import { isLive } from './ContainerActions';

const PAST: Record<BulkAction, string> = {
  start: 'Started',
  stop: 'Stopped',
  restart: 'Restarted',
  pause: 'Paused',
  unpause: 'Unpaused',
  kill: 'Killed',
  remove: 'Removed',
};

export function BulkActionsBar({ selected, onDone }: { selected: ContainerSummary[]; onDone(): void }) {
  const [busy, setBusy] = useState(false);
  if (selected.length === 0) return null;
  const n = selected.length;
  const plural = `${n} container${n > 1 ? 's' : ''}`;
  const run = async (action: BulkAction) => {
    let force = false;
    let volumes = false;
    if (action === 'remove') {
      force = selected.some((c) => isLive(c.state));
      const answer = await confirm({
        title: `Remove ${plural}?`,
        message: `${selected.map((c) => c.name).join(', ')}. ${force ? 'Running ones are stopped first. ' : ''}Named volumes are kept.`,
        option: 'Also remove their anonymous volumes',
        confirmLabel: 'Remove',
        danger: true,
      });
      if (!answer.ok) return;
      volumes = answer.option;
    }
    setBusy(true);
    const result = await attempt(`Could not ${action} ${plural}`, () =>
      api.containers.bulk({ action, ids: selected.map((c) => c.id), force, volumes }),
    );
    setBusy(false);
    if (!result) return;
    const failed = result.results.filter((r) => !r.ok);
    const names = new Map(selected.map((c) => [c.id, c.name]));
    if (failed.length) {
      notify(
        'error',
        `${action} failed for ${failed.length} of ${n}`,
        failed.map((f) => `${names.get(f.id) ?? f.id}: ${f.error?.message ?? 'failed'}`).join('\n'),
      );
    } else notify('success', `${PAST[action]} ${plural}`);
    if (action === 'remove' || !failed.length) onDone();
  };
  return (
    <div className="bulk-bar toolbar" role="toolbar" aria-label="Selected containers" data-testid="bulk-bar">
      <strong>{n} selected</strong>
      {(['start', 'stop', 'restart'] as const).map((a) => (
        <button key={a} className="small" disabled={busy} onClick={() => void run(a)}>
          {a[0]?.toUpperCase()}
          {a.slice(1)}
        </button>
      ))}
      <button className="small danger" disabled={busy} onClick={() => void run('remove')}>
        Remove
      </button>
      <button className="small link" onClick={onDone}>
        Clear selection
      </button>
    </div>
  );
}
