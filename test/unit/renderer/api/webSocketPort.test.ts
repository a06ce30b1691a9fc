/**
 * The browser bridge's port over a fake WebSocket: the subscriptions sent before the socket exists ride in its
 * URL (the bridge takes them as the socket's first messages), calls and what is sent while it opens go once it
 * is open, a queue too long for a URL waits for the open, and messages whose socket never opened ride with the
 * next one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_MESSAGES_PARAM } from '../../../../contract/bridge';
import type { ClientMessage } from '../../../../contract/protocol';
import { webSocketPort } from '../../../../renderer/api/webSocketPort';

class FakeSocket {
  static readonly OPEN = 1;
  static made: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  send(text: string) {
    this.sent.push(text);
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
  /** The messages its URL carries, parsed. */
  carried(): unknown[] {
    const first = new URL(this.url).searchParams.get(FIRST_MESSAGES_PARAM);
    return first === null ? [] : (JSON.parse(first) as unknown[]);
  }
}

const subscribe = (id: number, method: string): ClientMessage => ({ type: 'subscribe', id, method });

beforeEach(() => {
  FakeSocket.made = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the web socket port', () => {
  it('carries in its URL what was sent before the socket was made, and sends the rest once it opens', async () => {
    const port = webSocketPort('ws://127.0.0.1:9/api?token=t');
    port.send(subscribe(1, 'containers.watch'));
    port.send(subscribe(2, 'system.engine'));
    expect(FakeSocket.made).toHaveLength(0);
    await Promise.resolve();
    const [socket] = FakeSocket.made;
    expect(socket?.url).toMatch(/^ws:\/\/127\.0\.0\.1:9\/api\?token=t&first=/);
    expect(socket?.carried()).toEqual([subscribe(1, 'containers.watch'), subscribe(2, 'system.engine')]);
    port.send(subscribe(3, 'tasks.watch'));
    socket?.open();
    expect(socket?.sent.map((m) => JSON.parse(m) as unknown)).toEqual([subscribe(3, 'tasks.watch')]);
    port.send(subscribe(4, 'settings.watch'));
    expect(socket?.sent).toHaveLength(2);
  });

  it('sends everything after the open when the queue is too long for a URL', async () => {
    const port = webSocketPort('ws://127.0.0.1:9/api');
    const big: ClientMessage = { type: 'subscribe', id: 1, method: 'logs.follow', input: { id: 'x'.repeat(5000) } };
    port.send(big);
    await Promise.resolve();
    const [socket] = FakeSocket.made;
    expect(socket?.url).toBe('ws://127.0.0.1:9/api');
    socket?.open();
    expect(socket?.sent.map((m) => JSON.parse(m) as unknown)).toEqual([big]);
  });

  it('never carries a call in the URL (its input may be a password), nor what was sent after it', async () => {
    const port = webSocketPort('ws://127.0.0.1:9/api');
    const login: ClientMessage = {
      type: 'call',
      id: 2,
      method: 'registry.login',
      input: { registry: '127.0.0.1:5000', username: 'u', password: 'hunter2' },
    };
    port.send(subscribe(1, 'containers.watch'));
    port.send(login);
    port.send(subscribe(3, 'tasks.watch'));
    await Promise.resolve();
    const [socket] = FakeSocket.made;
    expect(socket?.carried()).toEqual([subscribe(1, 'containers.watch')]);
    expect(socket?.url).not.toContain('hunter2');
    socket?.open();
    expect(socket?.sent.map((m) => JSON.parse(m) as unknown)).toEqual([login, subscribe(3, 'tasks.watch')]);
  });

  it('carries them again in the next socket when the first never opened', async () => {
    vi.useFakeTimers();
    const port = webSocketPort('ws://127.0.0.1:9/api');
    port.send(subscribe(1, 'containers.watch'));
    await Promise.resolve();
    FakeSocket.made[0]?.drop();
    vi.advanceTimersByTime(1000);
    const next = FakeSocket.made[1];
    expect(next?.carried()).toEqual([subscribe(1, 'containers.watch')]);
    next?.open();
    expect(next?.sent).toEqual([]);
  });

  it('makes a socket without the parameter when nothing was sent', async () => {
    webSocketPort('ws://127.0.0.1:9/api?token=t');
    await Promise.resolve();
    expect(FakeSocket.made[0]?.url).toBe('ws://127.0.0.1:9/api?token=t');
  });
});
