/**
 * One log line: ANSI colours as HTML (escaped, `ansiHtml.ts`), or plain text with the search matches
 * highlighted; an empty row while its page is being read (the same element, so the row is updated in place
 * when it arrives). A link a line carries opens outside Berth, never in its window.
 */
import { memo, type MouseEvent } from 'react';
import type { SessionLine } from '../../../contract/logs';
import { ansiHtml } from './ansiHtml';
import { highlightMatches, stripAnsi } from './logSearch';

/** A click on a line's link: a new window, which the desktop app hands to the user's browser. */
function openLink(e: MouseEvent) {
  const link = e.target instanceof Element ? e.target.closest('a') : null;
  if (!link) return;
  e.preventDefault();
  window.open(link.href, '_blank', 'noopener');
}

const HAS_ANSI = /\u001b[[\]]/; // eslint-disable-line no-control-regex

export const LogLineView = memo(function LogLineView({
  line,
  pattern,
  timestamps,
}: {
  line: SessionLine | undefined;
  pattern: RegExp | undefined;
  timestamps: boolean;
}) {
  if (!line) return <div className="log-line loading" />;
  const plain = pattern || !HAS_ANSI.test(line.text);
  return (
    <div className={`log-line ${line.stream}`} data-testid="log-line" data-line={line.n}>
      {timestamps && line.time && <span className="log-time">{line.time.replace('T', ' ').slice(0, 23)}</span>}
      {plain ? (
        <span className="log-text">
          {highlightMatches(stripAnsi(line.text), pattern).map((s, i) =>
            s.match ? <mark key={i}>{s.text}</mark> : s.text,
          )}
        </span>
      ) : (
        <span className="log-text" onClick={openLink} dangerouslySetInnerHTML={{ __html: ansiHtml(line.text) }} />
      )}
    </div>
  );
});
