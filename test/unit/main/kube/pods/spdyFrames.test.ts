/**
 * SPDY frames for port-forwards: header blocks a real inflater reads (one sync-flushed stored block per
 * frame), and DATA split across chunks handed on in parts without copying.
 */
import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import {
  dataHeader,
  headerBlock,
  pingFrame,
  SpdyReader,
  SpdyType,
  storedBlock,
  synStream,
} from '../../../../../main/kube/pods/spdyFrames';

describe('SPDY frames', () => {
  it('writes header blocks a real inflater reads, one sync-flushed stored block per frame', () => {
    const one = headerBlock({ streamType: 'error', port: '8080', requestID: '0' });
    const two = headerBlock({ streamType: 'data', port: '8080', requestID: '0' });
    const stream = Buffer.concat([storedBlock(one, true), storedBlock(two, false)]);
    const inflated = zlib.inflateSync(stream, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    expect(inflated).toEqual(Buffer.concat([one, two]));
    // count, then lower-case names and values with their lengths
    expect(one.readUInt32BE(0)).toBe(3);
    expect(one.subarray(4, 8).readUInt32BE(0)).toBe(10);
    expect(one.subarray(8, 18).toString()).toBe('streamtype');
    const syn = synStream(5, { port: '80' }, false);
    expect([...syn.subarray(0, 4)]).toEqual([0x80, 0x03, 0x00, SpdyType.synStream]);
    expect(syn.readUInt32BE(8)).toBe(5);
  });

  it('hands DATA on as it arrives, in parts across chunks, FIN with the last part', () => {
    const got: Array<[number, string, boolean]> = [];
    const controls: number[] = [];
    const reader = new SpdyReader({
      data: (s, d, fin) => got.push([s, d.toString(), fin]),
      control: (t) => controls.push(t),
    });
    const wire = Buffer.concat([
      dataHeader(3, 10, false),
      Buffer.from('0123456789'),
      pingFrame(7),
      dataHeader(3, 6, true),
      Buffer.from('abcdef'),
      dataHeader(1, 0, true),
    ]);
    // Byte by byte: every boundary falls inside a header, a payload or a control frame once.
    for (let i = 0; i < wire.length; i++) reader.push(wire.subarray(i, i + 1));
    expect(got.filter(([s]) => s === 3).map(([, d]) => d)).toEqual([...'0123456789abcdef']);
    expect(got.filter(([, , fin]) => fin).map(([s, d]) => [s, d])).toEqual([
      [3, 'f'],
      [1, ''],
    ]);
    expect(controls).toEqual([SpdyType.ping]);
    // And whole: one part per frame, sliced from the chunk.
    got.length = 0;
    reader.push(wire);
    expect(got).toEqual([
      [3, '0123456789', false],
      [3, 'abcdef', true],
      [1, '', true],
    ]);
  });
});
