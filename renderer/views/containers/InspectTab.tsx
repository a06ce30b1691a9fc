/** The container's inspect JSON, pretty-printed, with a search that keeps matching lines highlighted. */
import { useMemo, useState } from 'react';
import { SearchBox } from '../../components/ViewHeader';
import { highlight } from '../../components/logs/logSearch';
import { useContainerInspect } from './useContainerInspect';

export function InspectTab({ id, version }: { id: string; version: string }) {
  const { data, error } = useContainerInspect(id, version);
  const [search, setSearch] = useState('');
  const [onlyMatches, setOnlyMatches] = useState(false);
  const lines = useMemo(() => (data ? JSON.stringify(data, null, 2).split('\n') : []), [data]);
  const needle = search.trim();
  const shown = needle && onlyMatches ? lines.filter((l) => l.toLowerCase().includes(needle.toLowerCase())) : lines;
  const count = needle ? lines.filter((l) => l.toLowerCase().includes(needle.toLowerCase())).length : 0;
  if (error) return <p className="bad-text">{error.message}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  return (
    <div className="inspect-tab">
      <div className="toolbar">
        <SearchBox label="Search inspect" placeholder="Search the JSON" value={search} onValue={setSearch} />
        {needle && <span className="muted">{count} matching lines</span>}
        <label className="check">
          <input type="checkbox" checked={onlyMatches} onChange={(e) => setOnlyMatches(e.target.checked)} />
          Only matching lines
        </label>
        <button className="small" onClick={() => void navigator.clipboard?.writeText(lines.join('\n'))}>
          Copy JSON
        </button>
      </div>
      <pre className="code inspect-json" data-testid="inspect-json">
        {shown.map((line, i) => (
          <div key={i}>{highlight(line, needle).map((s, j) => (s.match ? <mark key={j}>{s.text}</mark> : s.text))}</div>
        ))}
      </pre>
    </div>
  );
}
