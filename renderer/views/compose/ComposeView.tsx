/** Compose: open a compose file and bring it up, and every stack on the engine, live. */
import { useEffect, useMemo } from 'react';
import { useCompose, useStacks } from '../../stores/composeStore';
import { useRetained } from '../../stores/useRetained';
import { useEngine } from '../../stores/engineStore';
import { ViewHead } from '../../components/ViewHeader';
import { CodeText } from '../../components/CodeText';
import { OpenFileBar } from './OpenFileBar';
import { FilePreview } from './FilePreview';
import { StackCard } from './StackCard';
import { LogsPanel } from './LogsPanel';
import './compose.css';

function ToolStatus() {
  const tool = useCompose((s) => s.tool);
  if (!tool) return <span className="muted">Looking for the compose CLI…</span>;
  if (!tool.available) return null;
  return (
    <span className="muted" data-testid="compose-tool">
      {tool.command} {tool.version}
    </span>
  );
}

export function ComposeView() {
  useRetained(useStacks);
  const { items, loaded, error } = useStacks();
  const engine = useEngine((s) => s.engine);
  const { tool, loadTool, logsOf } = useCompose();
  useEffect(() => void loadTool(), [loadTool]);
  const stacks = useMemo(() => [...items.values()].sort((a, b) => a.name.localeCompare(b.name)), [items]);
  const logsStack = logsOf ? items.get(logsOf) : undefined;
  return (
    <section className="view compose-view" aria-labelledby="compose-title">
      <ViewHead titleId="compose-title" title="Compose">
        <ToolStatus />
      </ViewHead>
      <div className="compose-body">
        {tool && !tool.available && (
          <div className="card compose-missing" role="alert" data-testid="compose-missing">
            <h2>No compose CLI found</h2>
            <p>
              <CodeText text={tool.hint} />
            </p>
            <button className="small" onClick={() => void loadTool(true)}>
              Look again
            </button>
          </div>
        )}
        <OpenFileBar />
        <FilePreview />
        <h2 className="compose-section">
          Stacks <span className="muted">{stacks.length}</span>
        </h2>
        {error && engine?.status !== 'connected' ? (
          <div className="empty-state">
            <h2>Docker engine not reachable</h2>
            <p>{engine?.hint ?? error.hint ?? error.message}</p>
          </div>
        ) : stacks.length === 0 ? (
          <p className="muted" data-testid="stacks-empty">
            {loaded ? 'No compose stacks on the engine. Open a compose file above and press Up.' : 'Loading…'}
          </p>
        ) : (
          <div className="stacks" data-testid="stacks">
            {stacks.map((s) => (
              <StackCard key={s.name} stack={s} />
            ))}
          </div>
        )}
        {logsStack && <LogsPanel key={logsStack.name} stack={logsStack} />}
      </div>
    </section>
  );
}
