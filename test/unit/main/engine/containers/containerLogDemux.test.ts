/** Splitting the engine's multiplexed log stream into stdout and stderr lines. */
import { describe, expect, it } from 'vitest';
import { LogDemuxer } from '../../../../../main/engine/containers/containerLogDemux';
import { toLogLine } from '../../../../../main/common/logLine';

const frame = (type: number, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('log demultiplexing', () => {
  it('splits frames into stdout and stderr lines, across chunk boundaries', () => {
    const d = new LogDemuxer(true);
    const bytes = Buffer.concat([frame(1, 'one\ntw'), frame(2, 'err\n'), frame(1, 'o\n')]);
    const out = [...d.push(bytes.subarray(0, 5)), ...d.push(bytes.subarray(5, 13)), ...d.push(bytes.subarray(13))];
    expect(out).toEqual([
      { stream: 'stdout', raw: 'one' },
      { stream: 'stderr', raw: 'err' },
      { stream: 'stdout', raw: 'two' },
    ]);
  });

  it('keeps a multi-byte character split between chunks, and plain TTY bytes', () => {
    const d = new LogDemuxer(false);
    const bytes = Buffer.from('héllo\r\nrest');
    expect([...d.push(bytes.subarray(0, 2)), ...d.push(bytes.subarray(2))]).toEqual([
      { stream: 'stdout', raw: 'héllo' },
    ]);
    expect(d.end()).toEqual([{ stream: 'stdout', raw: 'rest' }]);
  });

  it('splits timestamps off and cuts runaway lines', () => {
    expect(toLogLine('stdout', '2024-05-01T10:00:00.123456789Z hi there', true)).toEqual({
      stream: 'stdout',
      text: 'hi there',
      time: '2024-05-01T10:00:00.123456789Z',
    });
    expect(toLogLine('stdout', 'x'.repeat(50_000), false).text.length).toBeLessThan(17_000);
  });
});
