/**
 * Which connected engine a list view (Containers, Images, Volumes, Networks) shows: the one in use, or one
 * kept connected beside it (engine picker › Keep connected). Shown only while more than one engine is
 * connected; each tab carries its engine's state. The choice is shared by the four views (shownEngineStore).
 * Below the tabs, a kept engine that cannot be reached says so instead of its list. EngineSection puts the
 * three together for a view whose kept engines are read-only (Images, Volumes, Networks).
 */
import type { ReactNode } from 'react';
import { useEngine } from '../stores/engineStore';
import { useKeptShown, useShownEngine } from '../stores/shownEngineStore';

/** `view` names the tabs for tests: `${view}-engines`, and `${view}-engine-${context}` for each tab. */
export function EngineTabs({ view }: { view: string }) {
  const engines = useEngine((s) => s.engines);
  const shown = useKeptShown();
  const show = useShownEngine((s) => s.show);
  if (engines.length < 2) return null;
  return (
    <div className="tabs" role="tablist" aria-label="Engine" data-testid={`${view}-engines`}>
      {engines.map((e) => {
        const active = e.inUse ? shown === undefined : shown === e.name;
        return (
          <button
            key={e.name}
            role="tab"
            aria-selected={active}
            className={active ? 'active' : ''}
            onClick={() => show(e.inUse ? undefined : e.name)}
            data-testid={`${view}-engine-${e.name}`}
            data-state={e.status}
            title={e.endpoint}
          >
            <span className={`state-dot ${e.status === 'connected' ? 'running' : 'exited'}`} aria-hidden />
            {e.name}
            {e.inUse ? ' (in use)' : ''}
          </button>
        );
      })}
    </div>
  );
}

/**
 * A list as `children`; for a kept engine (`name`) that cannot be reached, in its place what went wrong and
 * what to do. The engine in use (no name) has its own empty states.
 */
export function ReachableEngine({ name, children }: { name: string | undefined; children: ReactNode }) {
  const engine = useEngine((s) => (name === undefined ? undefined : s.engines.find((e) => e.name === name)));
  if (name === undefined || engine?.status !== 'unreachable') return children;
  return (
    <div className="empty-state" data-testid="kept-engine-unreachable">
      <h2>{name} is not reachable</h2>
      <p>{engine.error}</p>
      <p>{engine.hint}</p>
    </div>
  );
}

/** Above a kept engine's read-only list: what cannot be done here (`actions`), and how to do it. */
function KeptEngineNote({ name, actions }: { name: string | undefined; actions: string }) {
  if (!name) return null;
  return (
    <p className="muted">
      Kept connected beside the engine in use, shown live. To {actions} here, choose {name} in the engine picker (status
      bar).
    </p>
  );
}

/**
 * A list view's engine part: the tabs, then for a kept engine (`kept`) the note saying what to do elsewhere
 * (`actions`), then `notice` if any, then the list as `children`, or why the kept engine cannot be reached.
 */
export function EngineSection(props: {
  view: string;
  kept: string | undefined;
  actions: string;
  notice?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <EngineTabs view={props.view} />
      <KeptEngineNote name={props.kept} actions={props.actions} />
      {props.notice}
      <ReachableEngine name={props.kept}>{props.children}</ReachableEngine>
    </>
  );
}
