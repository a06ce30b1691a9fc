import { describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import {
  containerCreatedOrRemoved,
  containersAffected,
  toListedContainer,
} from '../../../../../main/engine/containers/containerList';
import type { DockerEvent } from '../../../../../main/engine/connection';
import { RECORDED, recorded } from '../../../../helpers/recorded';

describe('containers on both engines (recorded responses)', () => {
  it.each(RECORDED)('%s: the list maps to the same summary', (engine) => {
    const list = recorded<Docker.ContainerInfo[]>(engine, 'containers').map(toListedContainer);
    const running = list.find((c) => c.name === 'berth-rec-running');
    expect(running).toMatchObject({ state: 'running', image: 'berth-fixture/busybox:latest' });
    expect(running?.ports).toEqual([expect.objectContaining({ ip: '127.0.0.1', privatePort: 8080, type: 'tcp' })]);
    expect(running?.labels['berth.rec']).toBe('1');
    expect(list.find((c) => c.name === 'berth-rec-ran')?.state).toBe('exited');
    // What it uses, for the volumes' and networks' users.
    expect(running?.volumes).toEqual(['berth-rec-data']);
    expect(running?.networks).toEqual([{ name: 'bridge', id: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(list.find((c) => c.name === 'berth-rec-ran')?.volumes).toEqual([]);
  });

  it('refetches a container a network connect or disconnect names (its networks changed)', () => {
    const event = (Action: string, Attributes: Record<string, string>): DockerEvent => ({
      Type: 'network',
      Action,
      Actor: { ID: 'n1', Attributes },
      time: 1,
      timeNano: 1,
    });
    expect(containersAffected(event('connect', { container: 'c1', name: 'front' }))).toEqual(['c1']);
    expect(containersAffected(event('disconnect', { container: 'c1' }))).toEqual(['c1']);
    expect(containersAffected(event('create', { name: 'front' }))).toBeUndefined();
  });

  it.each(RECORDED)('%s: lifecycle events name the container without the legacy keys', (engine) => {
    const events = recorded<Array<DockerEvent & Record<string, unknown>>>(engine, 'events');
    const ran = recorded<Docker.ContainerInfo[]>(engine, 'containers').find((c) => c.Names[0] === '/berth-rec-ran');
    // What the list is told to fetch, event by event, read from Type/Action/Actor only.
    const touched = events
      .map((e) => ({ Type: e.Type, Action: e.Action, Actor: e.Actor, time: e.time, timeNano: e.timeNano }))
      .map((e) => [e.Action, containersAffected(e)] as const)
      .filter(([, ids]) => ids?.includes(ran?.Id ?? '?'))
      .map(([action]) => action);
    expect(touched).toEqual(expect.arrayContaining(['create', 'start', 'die']));
    expect(touched).not.toContain('attach');
  });

  it("follows Podman's name for a removal ('remove', where Docker says 'destroy')", () => {
    const event = (Action: string): DockerEvent => ({
      Type: 'container',
      Action,
      Actor: { ID: 'c1', Attributes: {} },
      time: 1,
      timeNano: 1,
    });
    expect(containersAffected(event('remove'))).toEqual(['c1']);
    expect(containersAffected(event('cleanup'))).toBeUndefined();
    expect(['create', 'destroy', 'remove', 'die'].map((a) => containerCreatedOrRemoved(event(a)))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
