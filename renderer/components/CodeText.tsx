/**
 * Text from main that marks commands and names with backticks ("Install `docker compose`"): the marked
 * parts shown as code, the backticks themselves never.
 */
export function CodeText({ text }: { text: string | undefined }) {
  if (!text) return null;
  const parts = text.split(/`([^`]+)`/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}
