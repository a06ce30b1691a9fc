/**
 * An interactive terminal in xterm.js, whatever it is connected to (`docker exec`, the Kubernetes exec
 * API): the backend opens a session stream of TerminalEvents; keys and size changes go back naming the
 * session. Shows the command, the exit code, a failure with its hint, and offers Reconnect.
 */
import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import type { StreamHandlers, Subscription } from '../../contract/define';
import type { TerminalEvent } from '../../contract/containers';
import './terminal.css';

export interface TerminalBackend {
  open(size: { cols: number; rows: number }, handlers: StreamHandlers<TerminalEvent>): Subscription;
  write(sessionId: string, data: string): Promise<unknown>;
  resize(sessionId: string, cols: number, rows: number): Promise<unknown>;
}

type Status =
  | { kind: 'connecting' }
  | { kind: 'open'; command: string }
  | { kind: 'exited'; code: number | null }
  | { kind: 'failed'; message: string; hint?: string };

/** A terminal session; a new `sessionKey` (another container) opens a new one. */
export function XtermSession({ backend, sessionKey }: { backend: TerminalBackend; sessionKey: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<Status>({ kind: 'connecting' });
  const [session, setSession] = useState(0);
  const current = useRef(backend);
  current.current = backend;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
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
    const b = current.current;
    const sub = b.open(
      { cols: term.cols, rows: term.rows },
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
      if (sessionId) void b.write(sessionId, data).catch(() => {});
    });
    const resized = term.onResize(({ cols, rows }) => {
      if (sessionId) void b.resize(sessionId, cols, rows).catch(() => {});
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
  }, [sessionKey, session]);

  return (
    <div className="terminal-tab">
      <div className="toolbar">
        <span className="muted" data-testid="terminal-status">
          {status.kind === 'connecting' && 'Connecting…'}
          {status.kind === 'open' && `Connected: ${status.command}`}
          {status.kind === 'exited' && `Exited${status.code === null ? '' : ` with code ${status.code}`}`}
          {status.kind === 'failed' && <span className="bad-text">{status.message}</span>}
        </span>
        {status.kind === 'failed' && status.hint && (
          <span className="muted" data-testid="terminal-hint">
            {status.hint}
          </span>
        )}
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
