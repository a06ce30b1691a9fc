/** Which Dockerfile step a build failed at, and where it is in the file. */
import { describe, expect, it } from 'vitest';
import { buildFailure, locateStep, parseDockerfile } from '../../../../../main/engine/images/buildDockerfile';

describe('Dockerfile step location', () => {
  const text = [
    '# syntax comment',
    'FROM busybox AS base',
    '',
    'RUN echo one \\',
    '    && echo two',
    '# between',
    'RUN false',
    'FROM base',
    'RUN false',
  ].join('\n');

  it('reads instructions with their start lines, joining continuations', () => {
    expect(parseDockerfile(text)).toEqual([
      { line: 2, text: 'FROM busybox AS base' },
      { line: 4, text: 'RUN echo one && echo two' },
      { line: 7, text: 'RUN false' },
      { line: 8, text: 'FROM base' },
      { line: 9, text: 'RUN false' },
    ]);
  });

  it('finds the line of a step by its text, the nearest when repeated, else by position', () => {
    const ins = parseDockerfile(text);
    expect(locateStep(ins, 2, 'RUN echo one    && echo two')).toBe(4);
    expect(locateStep(ins, 3, 'RUN false')).toBe(7);
    expect(locateStep(ins, 5, 'RUN false')).toBe(9);
    expect(locateStep(ins, 4, 'something else')).toBe(8);
    expect(locateStep(ins, null, null)).toBeNull();
  });

  it('builds the failure details with an excerpt around the line', () => {
    const f = buildFailure('Dockerfile', text, 3, 'RUN false');
    expect(f.line).toBe(7);
    expect(f.excerpt.map((l) => l.line)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(f.excerpt.find((l) => l.line === 7)?.text).toBe('RUN false');
  });
});
