import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call, stream, type CallContext, type Implementation } from '../../../../contract/define';
import { ApiError } from '../../../../contract/errors';
import { ClientMessage, type ServerMessage } from '../../../../contract/protocol';
import { createRouter, wellFormed } from '../../../../main/ipc/router';

const contract = {
  math: {
    double: call(z.object({ n: z.number().int() }), z.number()),
    boom: call(z.void(), z.void()),
    ticks: stream(z.object({ count: z.number().int().positive() }), z.number()),
  },
};

function setup() {
  let aborted = 0;
  const impl: Implementation<typeof contract> = {
    math: {
      double: async ({ n }) => n * 2,
      boom: async () => {
        throw new ApiError('conflict', 'port 8080 is taken', 'pick another port');
      },
      ticks: ({ count }, sink, signal) => {
        for (let i = 0; i < count; i++) sink.next(i);
        signal.addEventListener('abort', () => aborted++);
        if (count === 1) sink.end();
      },
    },
  };
  const sent: ServerMessage[] = [];
  const conn = createRouter(contract, impl).connect((m) => sent.push(m));
  const settle = () => new Promise((r) => setTimeout(r, 5));
  return { conn, sent, settle, aborted: () => aborted };
}

describe('router', () => {
  it('answers a call with the implementation result', async () => {
    const { conn, sent, settle } = setup();
    conn.receive({ type: 'call', id: 1, method: 'math.double', input: { n: 21 } });
    await settle();
    expect(sent).toEqual([{ type: 'result', id: 1, ok: true, value: 42 }]);
  });

  it('refuses input that does not match the schema, naming the field', async () => {
    const { conn, sent, settle } = setup();
    conn.receive({ type: 'call', id: 2, method: 'math.double', input: { n: 'abc' } });
    await settle();
    const reply = sent[0] as Extract<ServerMessage, { ok: false }>;
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('invalid_input');
    expect(reply.error.message).toContain('n');
  });

  it('refuses malformed messages without crashing', async () => {
    const { conn, sent, settle } = setup();
    for (const bad of [
      null,
      42,
      'hello',
      {},
      { type: 'call' },
      { type: 'call', id: -1, method: 'x' },
      { type: 'nope', id: 3 },
    ]) {
      expect(() => conn.receive(bad)).not.toThrow();
    }
    conn.receive({ type: 'call', id: 7, method: 5 });
    await settle();
    // Only messages with a usable id can be answered; the rest are dropped.
    expect(sent.map((m) => m.id)).toEqual([3, 7]);
    for (const m of sent) expect(m).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
  });

  it('refuses unknown methods and calls to streams', async () => {
    const { conn, sent, settle } = setup();
    conn.receive({ type: 'call', id: 1, method: 'math.triple', input: { n: 1 } });
    conn.receive({ type: 'call', id: 2, method: 'math.ticks', input: { count: 1 } });
    conn.receive({ type: 'call', id: 3, method: 'constructor.prototype' });
    await settle();
    expect(sent.map((m) => m.type === 'result' && !m.ok && m.error.code)).toEqual([
      'unknown_method',
      'unknown_method',
      'unknown_method',
    ]);
  });

  it('passes an ApiError through with its code and hint', async () => {
    const { conn, sent, settle } = setup();
    conn.receive({ type: 'call', id: 1, method: 'math.boom' });
    await settle();
    expect(sent[0]).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'port 8080 is taken', hint: 'pick another port' },
    });
  });

  it('streams events, ends, and aborts on unsubscribe and on close', async () => {
    const { conn, sent, settle, aborted } = setup();
    conn.receive({ type: 'subscribe', id: 1, method: 'math.ticks', input: { count: 1 } });
    conn.receive({ type: 'subscribe', id: 2, method: 'math.ticks', input: { count: 3 } });
    conn.receive({ type: 'subscribe', id: 3, method: 'math.ticks', input: { count: 2 } });
    await settle();
    expect(sent.filter((m) => m.id === 1)).toEqual([
      { type: 'event', id: 1, event: 0 },
      { type: 'end', id: 1, error: undefined },
    ]);
    expect(sent.filter((m) => m.id === 2).map((m) => m.type === 'event' && m.event)).toEqual([0, 1, 2]);
    conn.receive({ type: 'unsubscribe', id: 2 });
    expect(aborted()).toBe(2);
    conn.close();
    expect(aborted()).toBe(3);
  });

  it('refuses a duplicate id while the first is open', async () => {
    const { conn, sent, settle } = setup();
    conn.receive({ type: 'subscribe', id: 9, method: 'math.ticks', input: { count: 2 } });
    conn.receive({ type: 'call', id: 9, method: 'math.double', input: { n: 1 } });
    await settle();
    expect(sent.find((m) => m.type === 'result')).toMatchObject({
      id: 9,
      ok: false,
      error: { code: 'invalid_message' },
    });
  });

  it('checks results and events against their schemas when asked: a mismatch fails the call or ends the stream', async () => {
    const lying = {
      math: {
        double: call(z.object({ n: z.number() }), z.number()),
        ticks: stream(z.object({ count: z.number() }), z.number()),
      },
    };
    const impl = {
      math: {
        double: async () => 'forty-two',
        ticks: (_input: unknown, sink: { next(e: unknown): void }) => {
          sink.next(1);
          sink.next('two');
          sink.next(3);
        },
      },
    } as unknown as Implementation<typeof lying>;
    const logged: string[] = [];
    const sent: ServerMessage[] = [];
    const conn = createRouter(lying, impl, { validateOutputs: 'fail', log: (m) => logged.push(m) }).connect((m) =>
      sent.push(m),
    );
    conn.receive({ type: 'call', id: 1, method: 'math.double', input: { n: 1 } });
    conn.receive({ type: 'subscribe', id: 2, method: 'math.ticks', input: { count: 3 } });
    await new Promise((r) => setTimeout(r, 5));
    expect(sent.find((m) => m.id === 1)).toMatchObject({
      ok: false,
      error: {
        code: 'internal',
        message: expect.stringContaining('The result of math.double does not match its schema'),
      },
    });
    expect(sent.filter((m) => m.id === 2)).toEqual([
      { type: 'event', id: 2, event: 1 },
      {
        type: 'end',
        id: 2,
        error: expect.objectContaining({
          code: 'internal',
          message: expect.stringContaining('An event of math.ticks does not match its schema'),
        }),
      },
    ]);
    expect(logged.filter((m) => m.includes('does not match its schema'))).toHaveLength(2);
  });

  it('gives a call the signal it reads, aborted when the caller goes away before or after it reads it', async () => {
    const signals: AbortSignal[] = [];
    let release!: () => void;
    const later = new Promise<void>((r) => (release = r));
    const slow = { s: { wait: call(z.object({ read: z.enum(['first', 'after']) }), z.void()) } };
    const impl: Implementation<typeof slow> = {
      s: {
        wait: async ({ read }, ctx: CallContext) => {
          if (read === 'first') signals.push(ctx.signal);
          await later;
          if (read === 'after') signals.push(ctx.signal);
        },
      },
    };
    const conn = createRouter(slow, impl).connect(() => {});
    conn.receive({ type: 'call', id: 1, method: 's.wait', input: { read: 'first' } });
    conn.receive({ type: 'call', id: 2, method: 's.wait', input: { read: 'after' } });
    await new Promise((r) => setTimeout(r, 5));
    expect(signals.map((s) => s.aborted)).toEqual([false]);
    conn.close();
    release();
    await new Promise((r) => setTimeout(r, 5));
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
  });

  it('takes by hand only envelopes that ClientMessage takes, as it reads them', () => {
    const value = fc.oneof(
      fc.constantFrom('call', 'subscribe', 'unsubscribe', 'containers.list', '', 'x'.repeat(101), null, [], {}),
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom(0.5, -0, 2 ** 53, Number.MAX_SAFE_INTEGER, NaN, Infinity),
      fc.string({ maxLength: 4 }),
      fc.boolean(),
    );
    const message = fc.oneof(
      value,
      fc.record(
        { type: value, id: value, method: value, input: fc.anything({ maxDepth: 2 }), extra: value },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(message, (raw) => {
        const mine = wellFormed(raw);
        if (!mine) return;
        const parsed = ClientMessage.safeParse(raw);
        expect(parsed.success).toBe(true);
        expect(mine).toEqual(parsed.data);
      }),
      { numRuns: 3000 },
    );
    // And it does take what the client sends.
    expect(wellFormed({ type: 'call', id: 1, method: 'containers.list', input: { all: true } })).toBeDefined();
    expect(wellFormed({ type: 'subscribe', id: 2, method: 'containers.watch' })).toBeDefined();
    expect(wellFormed({ type: 'unsubscribe', id: 2 })).toBeDefined();
  });
});
