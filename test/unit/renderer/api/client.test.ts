/**
 * The renderer's client over a fake port: a call answered by main resolves, and calls still waiting when the
 * connection to main drops are rejected with connection_lost (not engine_unreachable, which would tell the
 * user to start Docker); open streams are subscribed again when it comes back.
 */
import { describe, expect, it } from 'vitest';
import type { BridgePort } from '../../../../contract/bridge';
import type { ClientMessage, ServerMessage } from '../../../../contract/protocol';
import { createClient } from '../../../../renderer/api/client';

function fakePort() {
  const sent: ClientMessage[] = [];
  let deliver: (m: ServerMessage) => void = () => {};
  let status: (connected: boolean) => void = () => {};
  const port: BridgePort = {
    send: (m) => void sent.push(m),
    onMessage: (l) => ((deliver = l), () => {}),
    onStatus: (l) => ((status = l), () => {}),
  };
  return { port, sent, deliver: (m: ServerMessage) => deliver(m), status: (up: boolean) => status(up) };
}

describe('the renderer client', () => {
  it('rejects the calls in flight with connection_lost when the connection to main drops', async () => {
    const { port, sent, deliver, status } = fakePort();
    const api = createClient(port);
    const answered = api.system.info();
    const first = sent[0] as Extract<ClientMessage, { type: 'call' }>;
    deliver({ type: 'result', id: first.id, ok: true, value: { version: '1', platform: 'linux', shell: 'web' } });
    await expect(answered).resolves.toMatchObject({ version: '1' });

    const waiting = api.containers.list();
    status(false);
    await expect(waiting).rejects.toMatchObject({
      code: 'connection_lost',
      message: 'Lost the connection to Berth.',
      hint: expect.stringContaining('reconnects by itself'),
    });
  });

  it('subscribes open streams again when the connection comes back', () => {
    const { port, sent, status } = fakePort();
    const api = createClient(port);
    api.tasks.watch.subscribe(undefined, { onEvent: () => {} });
    status(false);
    status(true);
    expect(sent.map((m) => `${m.type} ${'method' in m ? m.method : ''}`)).toEqual([
      'subscribe tasks.watch',
      'subscribe tasks.watch',
    ]);
  });
});
