/** The Terminal tab: `docker exec -it` into the container (bash if it has one, else sh) in XtermSession. */
import { api } from '../../api';
import { XtermSession, type TerminalBackend } from '../../components/XtermSession';

export function TerminalTab({ id, running }: { id: string; running: boolean }) {
  if (!running) {
    return <p className="muted">The container is not running. Start it to open a terminal.</p>;
  }
  const backend: TerminalBackend = {
    open: (size, handlers) => api.containers.terminal.subscribe({ id, ...size }, handlers),
    write: (sessionId, data) => api.containers.terminalWrite({ sessionId, data }),
    resize: (sessionId, cols, rows) => api.containers.terminalResize({ sessionId, cols, rows }),
  };
  return <XtermSession backend={backend} sessionKey={id} />;
}
