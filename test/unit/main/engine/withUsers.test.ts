/** Things with their users: their own live list joined with the containers' live list. */
import { describe, expect, it } from 'vitest';
import type { CollectionEvent } from '../../../../contract/collection';
import type { ListedContainer } from '../../../../main/common/listedContainer';
import type { ContainerRef } from '../../../../contract/images';
import type { CollectionListener, LiveList } from '../../../../main/common/sharedCollection';
import { WithUsers } from '../../../../main/engine/withUsers';
import { containerSummary } from '../../../helpers/containerSummary';

interface Thing {
  name: string;
  size: number;
  usedBy?: ContainerRef[];
}

/** A live list the test drives: its snapshot goes out when `open` is called, then whatever `send` is given. */
function drivenList<T>(items: T[]) {
  const listeners = new Set<CollectionListener<T>>();
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let subscriptions = 0;
  let closed = false;
  const list: LiveList<T> = {
    async subscribe(listener) {
      subscriptions++;
      await opened;
      listeners.add(listener);
      listener({ type: 'snapshot', items });
      return () => listeners.delete(listener);
    },
    close: () => void (closed = true),
  };
  const send = (e: CollectionEvent<T>) => listeners.forEach((l) => l(e));
  return {
    list,
    open,
    send,
    listening: () => listeners.size,
    subscriptions: () => subscriptions,
    closed: () => closed,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const things = drivenList<Thing>([
    { name: 'data', size: 1 },
    { name: 'logs', size: 2 },
  ]);
  const containers = drivenList<ListedContainer>([containerSummary({ id: 'a', name: 'web', volumes: ['data'] })]);
  const joined = new WithUsers<Thing>(things.list, containers.list, {
    idOf: (t) => t.name,
    keysOf: (t) => [t.name],
    usesOf: (c) => c.volumes,
    withUsers: (t, usedBy) => (usedBy ? { ...t, usedBy } : t),
  });
  const events: Array<CollectionEvent<Thing>> = [];
  return { things, containers, joined, events, listen: (e: CollectionEvent<Thing>) => void events.push(e) };
}

describe('things with their users', () => {
  it('shows the things before the containers are listed, then their users, then only what a container changes', async () => {
    const { things, containers, joined, events, listen } = setup();
    const subscribed = joined.subscribe(listen);
    things.open();
    const off = await subscribed;
    expect(events).toEqual([
      {
        type: 'snapshot',
        items: [
          { name: 'data', size: 1 },
          { name: 'logs', size: 2 },
        ],
      },
    ]);
    containers.open();
    await settle();
    expect(events[1]).toEqual({
      type: 'upsert',
      items: [
        { name: 'data', size: 1, usedBy: [{ id: 'a', name: 'web' }] },
        { name: 'logs', size: 2, usedBy: [] },
      ],
    });

    // A container created that mounts logs: only logs is sent; one that mounts nothing: nothing.
    containers.send({ type: 'upsert', items: [containerSummary({ id: 'b', name: 'tail', volumes: ['logs'] })] });
    containers.send({ type: 'upsert', items: [containerSummary({ id: 'c' })] });
    expect(events.slice(2)).toEqual([
      { type: 'upsert', items: [{ name: 'logs', size: 2, usedBy: [{ id: 'b', name: 'tail' }] }] },
    ]);
    // The thing itself changed: sent with the users it has.
    things.send({ type: 'upsert', items: [{ name: 'logs', size: 3 }] });
    expect(events[3]).toEqual({
      type: 'upsert',
      items: [{ name: 'logs', size: 3, usedBy: [{ id: 'b', name: 'tail' }] }],
    });
    // Its user removed, then the thing.
    containers.send({ type: 'remove', ids: ['b'] });
    things.send({ type: 'remove', ids: ['logs'] });
    expect(events.slice(4)).toEqual([
      { type: 'upsert', items: [{ name: 'logs', size: 3, usedBy: [] }] },
      { type: 'remove', ids: ['logs'] },
    ]);
    // A later subscriber's snapshot has everything as it is now.
    const late: Array<CollectionEvent<Thing>> = [];
    const offLate = await joined.subscribe((e) => void late.push(e));
    expect(late).toEqual([
      { type: 'snapshot', items: [{ name: 'data', size: 1, usedBy: [{ id: 'a', name: 'web' }] }] },
    ]);
    offLate();
    off();
    expect([things.listening(), containers.listening()]).toEqual([0, 0]);
  });

  it('has the users in the snapshot when the containers were listed first', async () => {
    const { things, containers, joined, events, listen } = setup();
    const subscribed = joined.subscribe(listen);
    containers.open();
    await settle();
    things.open();
    (await subscribed)();
    expect(events).toEqual([
      {
        type: 'snapshot',
        items: [
          { name: 'data', size: 1, usedBy: [{ id: 'a', name: 'web' }] },
          { name: 'logs', size: 2, usedBy: [] },
        ],
      },
    ]);
  });

  it('lets go of a containers list that answers after the last subscriber left', async () => {
    const { things, containers, joined, events, listen } = setup();
    const subscribed = joined.subscribe(listen);
    things.open();
    (await subscribed)();
    containers.open();
    await settle();
    expect(containers.listening()).toBe(0);
    expect(events).toHaveLength(1);
  });

  it('closed (its kept engine let go), it closes the two lists it joins: they do not linger either', () => {
    const { things, containers, joined } = setup();
    joined.close();
    expect([things.closed(), containers.closed()]).toEqual([true, true]);
  });
});
