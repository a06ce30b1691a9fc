// The bare page's whole program (see bare.html): subscribe the view's list, paint the first 30 rows.
const view = location.hash.replace(/^#\/?/, '') || 'containers';
const table = document.getElementById('table');
table.setAttribute('data-testid', `${view}-table`);
const token = new URLSearchParams(location.search).get('token');
const ws = new WebSocket(`ws://${location.host}/api${token ? `?token=${encodeURIComponent(token)}` : ''}`);
ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', id: 1, method: `${view}.watch` }));
ws.onmessage = (e) => {
  const m = JSON.parse(e.data);
  if (m.type !== 'event' || m.event.type !== 'snapshot') return;
  const items = m.event.items;
  const rows = items.slice(0, 30).map((i) => {
    const row = document.createElement('div');
    row.setAttribute('role', 'row');
    row.dataset.key = i.id ?? i.name;
    row.textContent = `${i.name ?? (i.repoTags ?? [])[0] ?? i.id}`;
    return row;
  });
  table.replaceChildren(...rows);
  // Rows as the app counts them: one per tag for images.
  const count =
    view === 'images' ? items.reduce((n, i) => n + Math.max(1, (i.repoTags ?? []).length), 0) : items.length;
  table.setAttribute('data-rows', String(count));
  ws.close();
};
