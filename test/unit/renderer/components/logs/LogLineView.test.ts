/**
 * One log line as the log view draws it: ANSI colours become styled spans with the text escaped, each line
 * on its own (a colour or an unfinished escape left open by one line does not run into the next), an http(s)
 * OSC 8 link becomes a link, and a search shows plain text with its matches marked.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { ansiHtml } from '../../../../../renderer/components/logs/ansiHtml';
import { LogLineView } from '../../../../../renderer/components/logs/LogLineView';
import type { SessionLine } from '../../../../../contract/logs';

const ESC = '\u001b';
const line = (text: string): SessionLine => ({ n: 0, text, stream: 'stdout' });
const draw = (text: string, pattern?: RegExp) =>
  renderToString(createElement(LogLineView, { line: line(text), pattern, timestamps: false }));

describe('a log line with ANSI codes', () => {
  it('draws colours as styled spans and escapes the text', () => {
    const html = ansiHtml(`${ESC}[31merror${ESC}[0m <script>alert(1)</script> & ok`);
    expect(html).toMatch(/^<span style="color:rgb\(\d+,\d+,\d+\)">error<\/span>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; ok');
    expect(html).not.toContain('<script>');
  });

  it('draws each line on its own: an open colour or an unfinished escape does not reach the next line', () => {
    expect(ansiHtml(`${ESC}[32mgreen, never reset`)).toContain('green, never reset</span>');
    expect(ansiHtml('plain')).toBe('plain');
    ansiHtml(`cut short ${ESC}[3`);
    expect(ansiHtml('next line')).toBe('next line');
  });

  it('makes an http(s) OSC 8 link a link, and never a javascript: one', () => {
    const link = (url: string) => `see ${ESC}]8;;${url}${ESC}\\the docs${ESC}]8;;${ESC}\\ now`;
    expect(ansiHtml(link('https://docs.docker.com/'))).toBe('see <a href="https://docs.docker.com/">the docs</a> now');
    expect(ansiHtml(link('javascript:alert(1)'))).not.toContain('<a');
  });

  it('in the view: coloured lines as HTML, plain lines and searched lines as text with matches marked', () => {
    expect(draw(`${ESC}[1;34mbold blue${ESC}[0m`)).toMatch(
      /<span class="log-text"><span style="[^"]*color:rgb[^"]*">bold blue<\/span><\/span>/,
    );
    expect(draw('<b>not bold</b>')).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    const searched = draw(`${ESC}[31mfound it${ESC}[0m`, /it/gi);
    expect(searched).toContain('found <mark>it</mark>');
    expect(searched).not.toContain('color:');
  });
});
