/**
 * How the command palette ranks what it can jump to: a query matches a name exactly, at its start, at the
 * start of one of its words (after `-`, `.`, `_`, `/` or a space), anywhere inside it, or as letters in
 * order (`wbfe` finds `web-frontend`); better matches first, then shorter names, then by name. Pure, so the
 * ranking is unit-tested without a browser.
 */

/** How well `name` matches `query` (already trimmed and lower-cased); undefined when it does not match. */
export function matchScore(name: string, query: string): number | undefined {
  if (!query) return 0;
  const n = name.toLowerCase();
  if (n === query) return 1000;
  if (n.startsWith(query)) return 800;
  const at = n.indexOf(query);
  if (at > 0) return /[-._/ ]/.test(n[at - 1] ?? '') ? 600 : 400 - Math.min(at, 100);
  // Letters in order: fewer gaps rank higher.
  let from = 0;
  let gaps = 0;
  for (const ch of query) {
    const i = n.indexOf(ch, from);
    if (i < 0) return undefined;
    if (i > from) gaps++;
    from = i + 1;
  }
  return 200 - Math.min(gaps * 10, 190);
}

/** The entries matching `query` (trimmed, case-insensitive), best first, at most `limit` of them. */
export function rankEntries<T>(entries: readonly T[], query: string, nameOf: (e: T) => string, limit: number): T[] {
  const q = query.trim().toLowerCase();
  const scored: { e: T; score: number; name: string; order: number }[] = [];
  entries.forEach((e, order) => {
    const name = nameOf(e);
    const score = matchScore(name, q);
    if (score !== undefined) scored.push({ e, score, name, order });
  });
  // With no query the given order stands (views first); otherwise the best match, the shorter, the first by name.
  if (q) {
    scored.sort(
      (a, b) => b.score - a.score || a.name.length - b.name.length || a.name.localeCompare(b.name) || a.order - b.order,
    );
  }
  return scored.slice(0, limit).map((s) => s.e);
}
