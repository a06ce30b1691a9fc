// The React floor's whole program (see index.html): subscribe the view's list, and have React render the
// first 30 rows with the view's columns. What the app adds on top of this is its own cost.
import { createElement as h, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

const view = location.hash.replace(/^#\/?/, '') || 'containers';
const token = new URLSearchParams(location.search).get('token');

/** A row's cells: the app's columns for the view, as text. */
const cells = (i) =>
  view === 'images'
    ? [
        (i.repoTags ?? [])[0] ?? '<none>',
        i.id.slice(7, 19),
        `${(i.size / 1e6).toFixed(1)} MB`,
        new Date(i.created * 1000).toLocaleString(),
        '',
      ]
    : [
        i.name,
        i.image,
        `${i.state} · ${i.status}`,
        (i.ports ?? []).map((p) => `${p.publicPort ?? ''}:${p.privatePort}/${p.type}`).join(', '),
        new Date(i.created * 1000).toLocaleString(),
      ];

function Table() {
  const [items, setItems] = useState([]);
  useEffect(() => {
    const ws = new WebSocket(`ws://${location.host}/api${token ? `?token=${encodeURIComponent(token)}` : ''}`);
    ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', id: 1, method: `${view}.watch` }));
    ws.onmessage = (e) => {
      const m = JSON.parse(e.data);
      if (m.type !== 'event' || m.event.type !== 'snapshot') return;
      setItems(m.event.items);
      ws.close();
    };
    return () => ws.close();
  }, []);
  // Rows as the app counts them: one per tag for images.
  const count =
    view === 'images' ? items.reduce((n, i) => n + Math.max(1, (i.repoTags ?? []).length), 0) : items.length;
  return h(
    'div',
    { role: 'table', 'data-testid': `${view}-table`, 'data-rows': count },
    items.slice(0, 30).map((i) =>
      h(
        'div',
        { role: 'row', key: i.id ?? i.name, 'data-key': i.id ?? i.name },
        cells(i).map((c, n) => h('span', { role: 'cell', key: n }, c)),
      ),
    ),
  );
}

createRoot(document.getElementById('root')).render(h(Table));
