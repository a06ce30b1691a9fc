/**
 * The actions menu of one object of any kind: the actions that apply to its kind (catalog.ts), those the
 * user may not do disabled with the API server's reason, and the dialogs they open (edit YAML, scale,
 * history, delete, drain). Mount it in a detail page's header or a table row: `<ObjectActions object={ref} />`
 * (plus `state` to offer only pause or resume, suspend or resume, cordon or uncordon).
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { KubeObjectRef } from '../../../../contract/kubeBase';
import { actionsFor, checksOf, type ActionId, type ObjectState } from './catalog';
import { useAccess } from './useAccess';
import { runAction } from './runAction';
import { YamlEditDialog } from './YamlEditDialog';
import { ScaleDialog } from './ScaleDialog';
import { HistoryDialog } from './HistoryDialog';
import { DeleteDialog } from './DeleteDialog';
import { DrainDialog } from './DrainDialog';
import './actions.css';

type DialogId = Extract<ActionId, 'editYaml' | 'scale' | 'history' | 'delete' | 'drain'>;
const DIALOGS = new Set<ActionId>(['editYaml', 'scale', 'history', 'delete', 'drain']);

export function ObjectActions({
  object,
  state = {},
  label = 'Actions',
  only,
}: {
  object: KubeObjectRef;
  state?: ObjectState;
  label?: string;
  /** Offer only these action ids (what a kind description lists); all that apply when absent. */
  only?: readonly string[];
}) {
  /** Where the open menu sits (fixed, so no scrolling table clips it); undefined while closed. */
  const [at, setAt] = useState<{ right: number; top: number }>();
  const open = at !== undefined;
  const setOpen = (v: boolean) => !v && setAt(undefined);
  const [dialog, setDialog] = useState<DialogId>();
  const actions = actionsFor(object, state).filter((a) => !only || only.includes(a.id));
  const { checks, of } = checksOf(actions, object);
  // Asked once the menu is first opened, so a long table does not ask for every row.
  const [asked, setAsked] = useState(false);
  const answers = useAccess(object, asked ? checks : []);
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const away = (e: MouseEvent) =>
      !menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node) && setOpen(false);
    const key = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', key);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', key);
    };
  }, [open]);

  const refusal = (id: ActionId): string | undefined =>
    (of.get(id) ?? []).map((i) => answers?.[i]).find((a) => a && !a.allowed)?.reason;

  const close = () => setDialog(undefined);
  const target = { context: object.context, kubeconfig: object.kubeconfig };
  // The menu and dialogs live in document.body (no table cell's styles or clipping reach them); their
  // events still bubble through React's tree, so the span stops them before a row's own click handler.
  return (
    <span className="object-actions" onClick={(e) => e.stopPropagation()}>
      <button
        ref={button}
        type="button"
        className="small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`${label} for ${object.name}`}
        onClick={(e) => {
          setAsked(true);
          const r = e.currentTarget.getBoundingClientRect();
          setAt(open ? undefined : { right: Math.max(8, window.innerWidth - r.right), top: r.bottom + 2 });
        }}
      >
        {label} ▾
      </button>
      {open &&
        createPortal(
          <div
            ref={menu}
            className="object-actions-menu"
            role="menu"
            aria-label={`Actions for ${object.name}`}
            style={{ right: at.right, top: Math.min(at.top, window.innerHeight - 40 * actions.length - 16) }}
          >
            {actions.map((a) => {
              const why = refusal(a.id);
              return (
                <button
                  key={a.id}
                  type="button"
                  role="menuitem"
                  className={a.danger ? 'bad-text' : undefined}
                  disabled={why !== undefined}
                  title={why}
                  onClick={() => {
                    setOpen(false);
                    if (DIALOGS.has(a.id)) setDialog(a.id as DialogId);
                    else void runAction(a.id, object);
                  }}
                >
                  {a.label}
                  {why && <span className="object-actions-why">{why}</span>}
                </button>
              );
            })}
          </div>,
          document.body,
        )}
      {dialog !== undefined &&
        createPortal(
          <div
            className="object-actions-dialogs"
            onClick={(e) => e.stopPropagation()}
            onKeyDown={(e) => e.stopPropagation()}
          >
            {dialog === 'editYaml' && <YamlEditDialog object={object} onClose={close} />}
            {dialog === 'scale' && <ScaleDialog object={object} replicas={state.replicas} onClose={close} />}
            {dialog === 'history' && <HistoryDialog object={object} onClose={close} />}
            {dialog === 'delete' && <DeleteDialog object={object} onClose={close} />}
            {dialog === 'drain' && <DrainDialog target={target} node={object.name} onClose={close} />}
          </div>,
          document.body,
        )}
    </span>
  );
}
