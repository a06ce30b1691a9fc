/** One log line: ANSI colours as HTML (escaped), or plain text with the search matches highlighted. */
import { memo } from 'react';
import Convert from 'ansi-to-html';
import type { BufferedLine } from './logBuffer';
import { highlight, stripAnsi } from './logSearch';

const ansi = new Convert({ escapeXML: true, stream: false, fg: 'currentColor', bg: 'transparent' });
const HAS_ANSI = /\u001b\[/; // eslint-disable-line no-control-regex

export const LogLineView = memo(function LogLineView({
  line,
  needle,
  timestamps,
}: {
  line: BufferedLine;
  needle: string;
  timestamps: boolean;
}) {
  const plain = needle || !HAS_ANSI.test(line.text);
  return (
    <div className={`log-line ${line.stream}`} data-testid="log-line">
      {timestamps && line.time && <span className="log-time">{line.time.replace('T', ' ').slice(0, 23)}</span>}
      {plain ? (
        <span className="log-text">
          {highlight(stripAnsi(line.text), needle).map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : s.text))}
        </span>
      ) : (
        <span className="log-text" dangerouslySetInnerHTML={{ __html: ansi.toHtml(line.text) }} />
      )}
    </div>
  );
});
