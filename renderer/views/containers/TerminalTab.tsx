/**
 * The Terminal tab: `docker exec -it` into the container (bash if it has one, else sh) in xterm.js.
 * Keys go to main with terminalWrite, size changes with terminalResize; output arrives on the stream.
 */
import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { api } from '../../api';

type Status =
  | { kind: 'connecting' }
  | { kind: 'open'; command: string }
  | { kind: 'exited'; code: number | null }
  | { kind: 'failed'; message: string; hint?: string };

export function TerminalTab({ id, running }: { id: string; running: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<Status>({ kind: 'connecting' });
  const [session, setSession] = useState(0);

  useEffect(() => {
    const el = host.current;
    if (!el || !running) return;
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: 13,
      scrollback: 5000,
      convertEol: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    try {
      fit.fit();
    } catch {
      /* not laid out yet: the defaults stand until the first resize */
    }
    let sessionId: string | undefined;
    setStatus({ kind: 'connecting' });
    const sub = api.containers.terminal.subscribe(
      { id, cols: term.cols, rows: term.rows },
      {
        onEvent: (e) => {
          if (e.type === 'started') {
            sessionId = e.sessionId;
            setStatus({ kind: 'open', command: e.command.join(' ') });
            term.focus();
          } else if (e.type === 'output') term.write(e.data);
          else {
            sessionId = undefined;
            setStatus({ kind: 'exited', code: e.code });
            term.write(`\r\n\x1b[2m[process exited${e.code === null ? '' : ` with code ${e.code}`}]\x1b[0m\r\n`);
          }
        },
        onEnd: (error) => {
          if (error) setStatus({ kind: 'failed', message: error.message, hint: error.hint });
        },
      },
    );
    const input = term.onData((data) => {
      if (sessionId) void api.containers.terminalWrite({ sessionId, data }).catch(() => {});
    });
    const resized = term.onResize(({ cols, rows }) => {
      if (sessionId) void api.containers.terminalResize({ sessionId, cols, rows }).catch(() => {});
    });
    const observer = new ResizeObserver(() => {
      try {
        fit.fit();
      } catch {
        /* hidden */
      }
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      input.dispose();
      resized.dispose();
      sub.unsubscribe();
      term.dispose();
    };
  }, [id, running, session]);

  if (!running) {
    return <p className="muted">The container is not running. Start it to open a terminal.</p>;
  }
  return (
    <div className="terminal-tab">
      <div className="toolbar">
        <span className="muted" data-testid="terminal-status">
          {status.kind === 'connecting' && 'Connecting…'}
          {status.kind === 'open' && `Connected: ${status.command}`}
          {status.kind === 'exited' && `Exited${status.code === null ? '' : ` with code ${status.code}`}`}
          {status.kind === 'failed' && <span className="bad-text">{status.message}</span>}
        </span>
        {status.kind === 'failed' && status.hint && <span className="muted">{status.hint}</span>}
        <span className="spacer" />
        {(status.kind === 'exited' || status.kind === 'failed') && (
          <button className="small" onClick={() => setSession((s) => s + 1)}>
            Reconnect
          </button>
        )}
      </div>
      <div className="terminal-host" ref={host} data-testid="terminal" />
    </div>
  );
}
