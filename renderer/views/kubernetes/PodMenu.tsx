/** A pod chip's context menu at the pointer: open it (overview, logs, shell), restart, delete. */
import { useEffect, useRef } from 'react';
import type { KubePod } from '../../../contract/kube';
import { deletePod, restartPod } from './podActions';

export type PodView = 'Overview' | 'Logs' | 'Shell';

export function PodMenu({
  context,
  pod,
  x,
  y,
  onOpen,
  onClose,
}: {
  context: string;
  pod: KubePod;
  x: number;
  y: number;
  onOpen(view: PodView): void;
  onClose(): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    const key = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', key);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', key);
    };
  }, [onClose]);
  const item = (label: string, run: () => void) => (
    <button
      role="menuitem"
      onClick={() => {
        onClose();
        run();
      }}
    >
      {label}
    </button>
  );
  return (
    <div
      ref={ref}
      className="pod-menu"
      role="menu"
      aria-label={`Pod ${pod.name}`}
      data-testid="pod-menu"
      style={{ left: Math.min(x, window.innerWidth - 180), top: Math.min(y, window.innerHeight - 200) }}
    >
      <div className="pod-menu-title mono ellipsis">{pod.name}</div>
      {item('Open', () => onOpen('Overview'))}
      {item('Logs', () => onOpen('Logs'))}
      {item('Shell', () => onOpen('Shell'))}
      {item('Restart…', () => void restartPod(context, pod))}
      {item('Delete…', () => void deletePod(context, pod))}
    </div>
  );
}
