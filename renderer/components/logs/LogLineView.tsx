/**
 * One log line: ANSI colours as HTML (escaped), or plain text with the search matches highlighted; an empty
 * row while its page is being read (the same element, so the row is updated in place when it arrives).
 */
import { memo } from 'react';
import Convert from 'ansi-to-html';
import type { SessionLine } from '../../../contract/logs';
import { highlightMatches, stripAnsi } from './logSearch';

const ansi = new Convert({ escapeXML: true, stream: false, fg: 'currentColor', bg: 'transparent' });
const HAS_ANSI = /\u001b\[/; // eslint-disable-line no-control-regex

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
        <span className="log-text" dangerouslySetInnerHTML={{ __html: ansi.toHtml(line.text) }} />
      )}
    </div>
  );
});
