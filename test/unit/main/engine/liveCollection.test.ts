/** A live list kept from the engine's events: a re-list that fails is tried again, so no change is lost. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { CollectionEvent } from '../../../../contract/collection';
import type { DockerEvent, EngineConnection } from '../../../../main/engine/connection';
import { LiveCollection } from '../../../../main/engine/liveCollection';

/** The two things a collection asks of the connection: its events and its reconnects. */
function fakeEngine() {
  const emitter = new EventEmitter();
  const engine = {
    onEvent: (l: (e: DockerEvent) => void) => (emitter.on('event', l), () => emitter.off('event', l)),
    onReconnect: (l: () => void) => (emitter.on('reconnect', l), () => emitter.off('reconnect', l)),
  };
  return { engine: engine as unknown as EngineConnection, reconnect: () => emitter.emit('reconnect') };
}

describe('LiveCollection', () => {
  it('lists again after a re-list that failed (a cut answer on reconnect), without another event', async () => {
    const { engine, reconnect } = fakeEngine();
    let items = [{ id: 'a' }];
    let failNext = false;
    const collection = new LiveCollection<{ id: string }>(engine, {
      list: async () => {
        if (failNext) {
          failNext = false;
          throw new Error('The Docker engine closed the connection in the middle of its answer.');
        }
        return items;
      },
      idOf: (i) => i.id,
      affected: () => undefined,
    });
    const events: Array<CollectionEvent<{ id: string }>> = [];
    const off = await collection.subscribe((e) => events.push(e));
    expect(events[0]).toMatchObject({ type: 'snapshot', items: [{ id: 'a' }] });

    // Made while the link stalled; the re-list the reconnect asks for is cut.
    items = [{ id: 'a' }, { id: 'b' }];
    failNext = true;
    reconnect();
    await expect
      .poll(() => events.some((e) => e.type === 'upsert' && e.items.some((i) => i.id === 'b')), { timeout: 5_000 })
      .toBe(true);
    off();
  });
});
