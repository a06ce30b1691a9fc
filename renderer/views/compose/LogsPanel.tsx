/** A stack's logs, merged or for one service, each line coloured by its service; follows as they come. */
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import type { ComposeStack, LogLine } from '../../../contract/compose';
import { useCompose } from '../../stores/composeStore';
import { serviceColor } from './serviceColor';

const KEEP = 3000;

export function LogsPanel({ stack }: { stack: ComposeStack }) {
  const showLogs = useCompose((s) => s.showLogs);
  const [service, setService] = useState('');
  const [lines, setLines] = useState<LogLine[]>([]);
  const [ended, setEnded] = useState<string | undefined>();
  const box = useRef<HTMLPreElement>(null);
  const follow = useRef(true);

  useEffect(() => {
    setLines([]);
    setEnded(undefined);
    const sub = api.compose.logs.subscribe(
      { project: stack.name, services: service ? [service] : [], tail: 300 },
      {
        onEvent: (e) => setLines((old) => [...old, ...e.lines].slice(-KEEP)),
        onEnd: (error) => setEnded(error?.message),
      },
    );
    return () => sub.unsubscribe();
  }, [stack.name, service]);

  useEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [lines]);

  return (
    <section className="card compose-logs" aria-label={`Logs of ${stack.name}`} data-testid="compose-logs">
      <header className="toolbar">
        <h2>Logs · {stack.name}</h2>
        <select value={service} onChange={(e) => setService(e.target.value)} aria-label="Service">
          <option value="">all services</option>
          {stack.services.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
        <button className="small" onClick={() => setLines([])}>
          Clear
        </button>
        <span className="spacer" />
        <button className="small link" aria-label="Close logs" onClick={() => showLogs(undefined)}>
          ✕
        </button>
      </header>
      <pre
        ref={box}
        className="compose-log-lines"
        onScroll={(e) => {
          const el = e.currentTarget;
          follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {lines.length === 0 && <span className="muted">{ended ?? 'No output yet.'}</span>}
        {lines.map((l, i) => (
          <div key={i} className={l.stream === 'stderr' ? 'stderr' : undefined}>
            <span className="log-prefix" style={{ color: serviceColor(l.service) }}>
              {l.container.padEnd(20).slice(0, 28)} |
            </span>{' '}
            {l.text}
          </div>
        ))}
      </pre>
    </section>
  );
}
