/** `key=value` lines to a label map; the first bad line is reported. */
export function parseLabels(text: string): { labels: Record<string, string> } | { error: string } {
  const labels: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const i = line.indexOf('=');
    const key = (i < 0 ? line : line.slice(0, i)).trim();
    if (!key) return { error: `"${line}" is not key=value.` };
    labels[key] = i < 0 ? '' : line.slice(i + 1);
  }
  return { labels };
}
