/** Where a compose file comes from: a typed path, the native picker, a dropped path, or a recent file. */
import { useState, type DragEvent } from 'react';
import { api, isDesktop } from '../../api';
import { useCompose } from '../../stores/composeStore';

/** A path from a drop: a file (its path comes from the desktop preload), a file:// URI or plain text. */
function droppedPath(e: DragEvent): string | undefined {
  const file = e.dataTransfer.files[0];
  const fromDesktop = file ? window.berthBridge?.pathForFile?.(file) : undefined;
  if (fromDesktop) return fromDesktop;
  const uri = e.dataTransfer
    .getData('text/uri-list')
    .split('\n')
    .find((l) => l.startsWith('file://'));
  if (uri) return decodeURIComponent(new URL(uri.trim()).pathname);
  const text = e.dataTransfer.getData('text/plain').trim();
  return text.startsWith('/') || text.startsWith('~') ? text : undefined;
}

export function OpenFileBar() {
  const { open, opening, recent, forget } = useCompose();
  const [path, setPath] = useState('');
  const [dragging, setDragging] = useState(false);
  const go = (p: string) => {
    const value = p.trim();
    if (!value) return;
    setPath(value);
    void open(value);
  };
  const browse = async () => {
    const picked = await api.system.pickPath({
      kind: 'file',
      title: 'Open a compose file',
      filters: [{ name: 'Compose files', extensions: ['yaml', 'yml'] }],
    });
    if (picked.path) go(picked.path);
  };
  return (
    <div
      className={`compose-open ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => (e.preventDefault(), setDragging(true))}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const p = droppedPath(e);
        if (p) go(p);
      }}
    >
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          go(path);
        }}
      >
        <input
          className="compose-path"
          data-testid="compose-path"
          aria-label="Compose file path"
          placeholder="/path/to/compose.yaml (or its folder) — or drop a file here"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          list="compose-recent"
        />
        <datalist id="compose-recent">
          {recent.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <button type="submit" className="primary" disabled={opening || !path.trim()} data-testid="compose-open">
          {opening ? 'Opening…' : 'Open'}
        </button>
        {isDesktop() && (
          <button type="button" onClick={() => void browse()}>
            Browse…
          </button>
        )}
      </form>
      {recent.length > 0 && (
        <div className="compose-recent" aria-label="Recent compose files">
          <span className="muted">Recent:</span>
          {recent.map((r) => (
            <span key={r} className="compose-recent-item">
              <button className="link mono" title={r} onClick={() => go(r)}>
                {r.split('/').slice(-2).join('/')}
              </button>
              <button className="link small" aria-label={`Forget ${r}`} onClick={() => forget(r)}>
                ✕
              </button>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
