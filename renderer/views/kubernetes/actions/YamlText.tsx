/**
 * A light YAML editor: a textarea with a line-number gutter that scrolls with it; lines with a problem are
 * marked in the gutter (their message as its tooltip), and `focusLine` puts the caret on one.
 */
import { useEffect, useRef } from 'react';
import type { FieldCause } from '../../../../contract/kubeActions';

export function YamlText({
  value,
  onChange,
  causes = [],
  focusLine,
  readOnly,
  label,
}: {
  value: string;
  onChange?(text: string): void;
  causes?: FieldCause[];
  focusLine?: number;
  readOnly?: boolean;
  label: string;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = value.split('\n').length;
  const marked = new Map<number, string>();
  for (const c of causes)
    if (c.line) marked.set(c.line, `${marked.get(c.line) ?? ''}${c.field ? `${c.field}: ` : ''}${c.message}\n`);
  useEffect(() => {
    const t = area.current;
    if (!t || !focusLine) return;
    const offset =
      value
        .split('\n')
        .slice(0, focusLine - 1)
        .join('\n').length + (focusLine > 1 ? 1 : 0);
    t.focus();
    t.setSelectionRange(offset, offset);
    const lineHeight = t.scrollHeight / Math.max(lines, 1);
    t.scrollTop = Math.max(0, (focusLine - 3) * lineHeight);
    // Only when asked to go to a line, not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusLine]);
  return (
    <div className="yaml-text">
      <div className="yaml-gutter mono" ref={gutter} aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => {
          const problem = marked.get(i + 1);
          return (
            <div
              key={i}
              className={problem ? 'yaml-line-bad' : undefined}
              title={problem}
              data-line-bad={problem ? i + 1 : undefined}
            >
              {i + 1}
            </div>
          );
        })}
      </div>
      <textarea
        ref={area}
        className="mono"
        aria-label={label}
        spellCheck={false}
        wrap="off"
        value={value}
        readOnly={readOnly}
        onChange={(e) => onChange?.(e.target.value)}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
      />
    </div>
  );
}
