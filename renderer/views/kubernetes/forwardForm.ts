/** The port-forward form's checks: a remote port, and a local port that may be empty (Berth picks). Pure. */

export type ForwardFormResult =
  { ok: true; port: number; localPort: number } | { ok: false; field: 'port' | 'localPort'; message: string };

const asPort = (text: string, allowZero: boolean): number | string => {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return 'must be a whole number';
  const n = Number(t);
  if (n > 65535 || n < (allowZero ? 0 : 1)) return `must be between ${allowZero ? 0 : 1} and 65535`;
  return n;
};

export function checkForwardForm(port: string, localPort: string): ForwardFormResult {
  const p = asPort(port, false);
  if (typeof p === 'string') return { ok: false, field: 'port', message: `Port ${p}.` };
  if (!localPort.trim()) return { ok: true, port: p, localPort: 0 };
  const l = asPort(localPort, true);
  if (typeof l === 'string') return { ok: false, field: 'localPort', message: `Local port ${l}, or empty.` };
  return { ok: true, port: p, localPort: l };
}
