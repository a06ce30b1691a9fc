/**
 * The command palette (Ctrl+K / Cmd+K anywhere): one search box that jumps to Berth's views and to any
 * object of the common Kubernetes kinds in the current context, across namespaces, matched by name
 * (match.ts). Up/Down pick, Enter opens — an object on its detail page in the Kubernetes view's
 * Resources tab — and Escape closes. The shell (App.tsx) owns the shortcut and whether it is open, so the
 * shortcut works before this code, fetched after the first paint, has loaded.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNav, VIEWS, type ViewName } from '../../stores/navStore';
import { useKube } from '../../stores/kubeStore';
import { useKubeObjects } from '../../stores/kubeObjects';
import { useDialog } from '../useDialog';
import { VIEW_LABELS } from '../Sidebar';
import { rankEntries } from './match';
import { usePaletteObjects, type ObjectEntry } from './paletteObjects';
import './palette.css';

type Entry = { type: 'view'; view: ViewName; name: string } | ({ type: 'object' } & ObjectEntry);

const SHOWN = 50;
const VIEW_ENTRIES: Entry[] = VIEWS.map((view) => ({ type: 'view', view, name: VIEW_LABELS[view] }));
const NO_KINDS: never[] = [];

const keyOf = (e: Entry) => (e.type === 'view' ? `view:${e.view}` : `${e.kindId}:${e.namespace ?? ''}/${e.name}`);

function openEntry(e: Entry) {
  if (e.type === 'view') {
    useNav.getState().go(e.view);
    return;
  }
  useKubeObjects.getState().showObject({ kindId: e.kindId, namespace: e.namespace, name: e.name });
  useKube.getState().setTab('resources');
  useNav.getState().go('kubernetes');
}

export function CommandPalette({ open, onClose }: { open: boolean; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const ref = useDialog(open, () => {
    setQuery('');
    setActive(0);
  });
  const context = useKube((s) => s.context);
  const kinds = useKubeObjects((s) => (context ? s.kinds[context] : undefined)) ?? NO_KINDS;

  // Opened before the Kubernetes view ever was: read the kubeconfig's contexts (which picks the current one).
  useEffect(() => {
    if (open && !useKube.getState().loaded) void useKube.getState().refresh();
  }, [open]);
  useEffect(() => {
    if (open && context && kinds === NO_KINDS) void useKubeObjects.getState().loadKinds(context);
  }, [open, context, kinds]);
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const objects = usePaletteObjects(context, kinds, open);
  const entries = useMemo<Entry[]>(
    () => [...VIEW_ENTRIES, ...objects.map((o): Entry => ({ type: 'object', ...o }))],
    [objects],
  );
  const shown = useMemo(() => rankEntries(entries, query, (e) => e.name, SHOWN), [entries, query]);
  const current = Math.min(active, Math.max(shown.length - 1, 0));

  const choose = (e: Entry | undefined) => {
    if (!e) return;
    onClose();
    openEntry(e);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + shown.length) % Math.max(shown.length, 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(shown[current]);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog palette"
      aria-label="Go to"
      data-testid="command-palette"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      {open && (
        <>
          <input
            ref={input}
            className="palette-input"
            role="combobox"
            aria-expanded="true"
            aria-controls="palette-results"
            aria-activedescendant={shown[current] ? `palette-${current}` : undefined}
            aria-label="Go to a view or a Kubernetes object"
            placeholder={context ? `Go to… (views, and objects of ${context})` : 'Go to a view…'}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          <ul id="palette-results" className="palette-results" role="listbox" aria-label="Matches">
            {shown.map((e, i) => (
              <li
                key={keyOf(e)}
                id={`palette-${i}`}
                role="option"
                aria-selected={i === current}
                className={i === current ? 'active' : undefined}
                data-testid="palette-entry"
                data-key={keyOf(e)}
                // Moving the pointer picks an entry; results appearing under a still pointer do not.
                onMouseMove={() => i !== current && setActive(i)}
                onClick={() => choose(e)}
              >
                <span className="palette-name">{e.name}</span>
                <span className="palette-kind muted">
                  {e.type === 'view' ? 'View' : e.kind}
                  {e.type === 'object' && e.namespace ? ` · ${e.namespace}` : ''}
                </span>
              </li>
            ))}
            {shown.length === 0 && <li className="muted palette-none">Nothing is called that.</li>}
          </ul>
        </>
      )}
    </dialog>
  );
}
