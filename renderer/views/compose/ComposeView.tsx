/**
 * Compose: open a compose file and bring it up, and every stack on the engine, live: a virtualised list of
 * stack cards (only those on screen are in the DOM) with a filter box, as the other lists have.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { ComposeStack } from '../../../contract/compose';
import { useCompose, useStacks } from '../../stores/composeStore';
import { useRetained } from '../../stores/useRetained';
import { useEngine } from '../../stores/engineStore';
import { SearchBox, ViewHead } from '../../components/ViewHeader';
import { VirtualList } from '../../components/VirtualList';
import { createIncrementalFilter } from '../../components/incrementalFilter';
import { CodeText } from '../../components/CodeText';
import { OpenFileBar } from './OpenFileBar';
import { FilePreview } from './FilePreview';
import { StackCard } from './StackCard';
import { LogsPanel } from './LogsPanel';
import { stackSearch } from './stackSearch';
import './compose.css';

/** A stack card's height before it is measured: its head and one row per container. */
const estimateStack = (s: ComposeStack) => 64 + 33 * s.total;
const stackName = (s: ComposeStack) => s.name;
const stackCard = (s: ComposeStack) => <StackCard stack={s} />;

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
  const [filter, setFilter] = useState('');
  // The list follows the filter text with a deferred render: a keystroke repaints the input at once.
  const query = useDeferredValue(filter);
  const search = useMemo(() => createIncrementalFilter(stackSearch), []);
  const shown = useMemo(() => search.apply(stacks, query), [search, stacks, query]);
  const body = useRef<HTMLDivElement>(null);
  const logsStack = logsOf ? items.get(logsOf) : undefined;
  return (
    <section className="view compose-view" aria-labelledby="compose-title">
      <ViewHead titleId="compose-title" title="Compose">
        <ToolStatus />
        <span className="spacer" />
        <SearchBox
          label="Filter stacks"
          placeholder="Filter stacks by name, service or container"
          value={filter}
          onValue={setFilter}
        />
      </ViewHead>
      <div className="compose-body" ref={body}>
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
          Stacks{' '}
          <span className="muted">
            {shown.length === stacks.length ? stacks.length : `${shown.length} of ${stacks.length}`}
          </span>
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
        ) : shown.length === 0 ? (
          <p className="muted">No stack matches the filter.</p>
        ) : (
          <VirtualList
            testId="stacks"
            className="stacks"
            items={shown}
            itemKey={stackName}
            estimate={estimateStack}
            render={stackCard}
            scrollRef={body}
            gap={10}
          />
        )}
        {logsStack && <LogsPanel key={logsStack.name} stack={logsStack} />}
      </div>
    </section>
  );
}
