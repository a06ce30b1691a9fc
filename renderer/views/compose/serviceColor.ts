/** A stable colour per service name, so a service reads the same in the stack list and in the logs. */
export function serviceColor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${h % 360} 65% 45%)`;
}
