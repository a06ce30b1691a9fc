import { describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import { ContainerSummary } from '../../../../contract/containers';
import { toListedContainer } from '../../../../main/engine/containers/containerList';
import { summaryOf } from '../../../../main/common/listedContainer';
import { RECORDED, recorded } from '../../../helpers/recorded';

describe('what the UI is sent of a listed container', () => {
  it.each(RECORDED)('%s: the summary has what the table shows and none of what main alone reads', (engine) => {
    const listed = recorded<Docker.ContainerInfo[]>(engine, 'containers').map((c) => toListedContainer(c));
    const running = listed.find((c) => c.name === 'berth-rec-running');
    if (!running) throw new Error('the recording has no berth-rec-running');
    const summary = summaryOf(running);
    // strict(): a key the contract does not name (labels, imageId, volumes, networks) fails the parse.
    expect(ContainerSummary.strict().parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({
      id: running.id,
      name: 'berth-rec-running',
      state: 'running',
      ports: running.ports,
    });
    expect(Object.keys(summary)).not.toEqual(expect.arrayContaining(['labels']));
    expect(JSON.stringify(summary).length).toBeLessThan(JSON.stringify(running).length);
  });

  it('makes one summary per listed object: an unchanged container is not copied again for each subscriber', () => {
    const [first] = recorded<Docker.ContainerInfo[]>('v29', 'containers').map((c) => toListedContainer(c));
    if (!first) throw new Error('an empty recording');
    expect(summaryOf(first)).toBe(summaryOf(first));
    const changed = { ...first, state: 'exited' };
    expect(summaryOf(changed)).not.toBe(summaryOf(first));
    expect(summaryOf(changed).state).toBe('exited');
  });
});
