/**
 * A log line's timestamp as the spool keeps it: whole seconds since the epoch and nanoseconds, parsed
 * straight from the bytes of the RFC 3339 prefix the engine and the kubelet put before each line when asked
 * (`2024-05-01T10:00:00.123456789Z`), and written back out the same way for display and for search by time.
 */

export interface LogTime {
  sec: number;
  nanos: number;
}

/** Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm), without Date's allocations. */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const digit = (c: number | undefined): number => (c !== undefined && c >= 48 && c <= 57 ? c - 48 : -1);

function num(bytes: Uint8Array, at: number, len: number): number {
  let n = 0;
  for (let i = 0; i < len; i++) {
    const d = digit(bytes[at + i]);
    if (d < 0) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Parses an RFC 3339 timestamp at `start` of `bytes`, ending at a space or at `end`. Returns the time and
 * the index just past it (the space skipped), or undefined when the bytes there are no timestamp.
 */
export function parseTimeBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
): { sec: number; nanos: number; next: number } | undefined {
  if (end - start < 20) return undefined;
  const b = bytes;
  if (
    b[start + 4] !== 45 ||
    b[start + 7] !== 45 ||
    b[start + 10] !== 84 ||
    b[start + 13] !== 58 ||
    b[start + 16] !== 58
  )
    return undefined;
  const y = num(b, start, 4);
  const mo = num(b, start + 5, 2);
  const d = num(b, start + 8, 2);
  const h = num(b, start + 11, 2);
  const mi = num(b, start + 14, 2);
  const s = num(b, start + 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || mi < 0 || s < 0) return undefined;
  let i = start + 19;
  let nanos = 0;
  if (b[i] === 46) {
    i++;
    let digits = 0;
    for (let c = digit(b[i]); c >= 0 && i < end; c = digit(b[++i])) {
      if (digits < 9) nanos = nanos * 10 + c;
      digits++;
    }
    for (; digits < 9; digits++) nanos *= 10;
  }
  let offset = 0;
  if (b[i] === 90 || b[i] === 122) i++;
  else if (b[i] === 43 || b[i] === 45) {
    const oh = num(b, i + 1, 2);
    const om = num(b, i + 4, 2);
    if (oh < 0 || om < 0 || b[i + 3] !== 58) return undefined;
    offset = (b[i] === 43 ? 1 : -1) * (oh * 3600 + om * 60);
    i += 6;
  } else return undefined;
  if (i < end && b[i] !== 32) return undefined;
  const sec = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset;
  return { sec, nanos, next: i < end ? i + 1 : i };
}

/** Parses a timestamp the user or the renderer gave (any RFC 3339 form). */
export function parseTime(text: string): LogTime | undefined {
  const bytes = Buffer.from(text.trim(), 'latin1');
  const t = parseTimeBytes(bytes, 0, bytes.length);
  return t && t.next === bytes.length ? { sec: t.sec, nanos: t.nanos } : undefined;
}

/** RFC 3339 with nine fractional digits, UTC: sorts as text in time order. */
export function formatTime(t: LogTime): string {
  const iso = new Date(t.sec * 1000).toISOString(); // 2024-05-01T10:00:00.000Z
  return `${iso.slice(0, 19)}.${String(t.nanos).padStart(9, '0')}Z`;
}

/** Orders two times: negative, zero or positive. */
export const compareTime = (a: LogTime, b: LogTime): number => a.sec - b.sec || a.nanos - b.nanos;
