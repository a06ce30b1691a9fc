/**
 * When Berth refuses container stats with a reason instead of charting an engine's zeros: only a rootless
 * engine on a cgroup v1 host. Rootless Docker says so in /info's SecurityOptions; Podman 4 does not, so its
 * /libpod/info is asked; an answer is kept per transport, not the lack of one. A fake engine answers /info
 * and /libpod/info as the real ones do (the fields read here); the real rootless Podman case is
 * test/integration/enginePodmanRootless.test.ts.
 */
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { statsRefusal } from '../../../../../main/engine/containers/statsSupport';

interface Answers {
  info: { CgroupVersion?: string; SecurityOptions?: string[] };
  libpod?: { host: { security: { rootless: boolean } } };
  /** /libpod/info goes unanswered with this error (the engine away) instead. */
  libpodFails?: Error;
}

/** A dockerode stand-in answering info() and the raw /libpod/info dial; it counts what was asked. */
function fakeEngine(answers: Answers) {
  const asked: string[] = [];
  const docker = {
    info: async () => (asked.push('/info'), answers.info),
    modem: {
      dial: (options: { path: string }, callback: (err: unknown, data?: unknown) => void) => {
        asked.push(options.path);
        if (answers.libpodFails) callback(answers.libpodFails);
        else if (answers.libpod && /^\/v[\d.]+\/libpod\/info$/.test(options.path)) callback(null, answers.libpod);
        else callback(Object.assign(new Error('page not found'), { statusCode: 404 }));
      },
    },
  };
  return { docker: docker as unknown as Docker, asked };
}

const SECCOMP = 'name=seccomp,profile=default';

describe('container stats on an engine that cannot measure', () => {
  it('refuses on rootless Podman with cgroup v1, asking its own API, and says what would work', async () => {
    const { docker, asked } = fakeEngine({
      info: { CgroupVersion: '1', SecurityOptions: [SECCOMP] },
      libpod: { host: { security: { rootless: true } } },
    });
    const refusal = await statsRefusal(docker, { engine: 'podman', version: '4.3.1' });
    expect(refusal?.code).toBe('failed');
    expect(refusal?.message).toMatch(/^Podman runs rootless on a host with cgroup v1/);
    expect(refusal?.hint).toMatch(/cgroup v2/);
    expect(asked).toEqual(['/info', '/v4.3.1/libpod/info']);
    // Asked once per transport.
    await statsRefusal(docker, { engine: 'podman', version: '4.3.1' });
    expect(asked).toHaveLength(2);
  });

  it('refuses on rootless Docker with cgroup v1, from its SecurityOptions alone', async () => {
    const { docker, asked } = fakeEngine({
      info: { CgroupVersion: '1', SecurityOptions: [SECCOMP, 'name=rootless'] },
    });
    expect((await statsRefusal(docker, { engine: 'docker', version: '20.10.24' }))?.message).toMatch(
      /^Docker runs rootless/,
    );
    expect(asked).toEqual(['/info']);
  });

  it('lets stats through on rootful engines, on cgroup v2, and when the engine cannot say', async () => {
    const rootfulPodman = fakeEngine({
      info: { CgroupVersion: '1', SecurityOptions: [SECCOMP] },
      libpod: { host: { security: { rootless: false } } },
    });
    expect(await statsRefusal(rootfulPodman.docker, { engine: 'podman', version: '4.3.1' })).toBeUndefined();
    const rootfulDocker = fakeEngine({ info: { CgroupVersion: '1', SecurityOptions: [SECCOMP] } });
    expect(await statsRefusal(rootfulDocker.docker, { engine: 'docker', version: '20.10.24' })).toBeUndefined();
    expect(rootfulDocker.asked).toEqual(['/info']);
    const v2 = fakeEngine({ info: { CgroupVersion: '2', SecurityOptions: [SECCOMP, 'name=rootless'] } });
    expect(await statsRefusal(v2.docker, { engine: 'docker', version: '29.0.0' })).toBeUndefined();
    const old = fakeEngine({ info: {} });
    expect(await statsRefusal(old.docker, { engine: 'docker', version: '19.03' })).toBeUndefined();
    const podmanWithoutLibpod = fakeEngine({ info: { CgroupVersion: '1' } });
    expect(await statsRefusal(podmanWithoutLibpod.docker, { engine: 'podman', version: '4.3.1' })).toBeUndefined();
  });

  it('keeps no answer when /libpod/info went unanswered: the next stats call asks again, and then refuses', async () => {
    const answers: Answers = {
      info: { CgroupVersion: '1', SecurityOptions: [SECCOMP] },
      libpodFails: Object.assign(new Error('connect ECONNREFUSED /run/user/1000/podman/podman.sock'), {
        code: 'ECONNREFUSED',
      }),
    };
    const { docker, asked } = fakeEngine(answers);
    const podman = { engine: 'podman', version: '4.3.1' } as const;
    expect(await statsRefusal(docker, podman)).toBeUndefined(); // the stats call says what is wrong
    expect(asked).toEqual(['/info', '/v4.3.1/libpod/info']);

    // The engine is back, rootless.
    delete answers.libpodFails;
    answers.libpod = { host: { security: { rootless: true } } };
    expect((await statsRefusal(docker, podman))?.message).toMatch(/^Podman runs rootless/);
    expect(asked).toHaveLength(4);
  });

  it('keeps the answer of a Podman without /libpod/info (404): it cannot tell, and asking again would not', async () => {
    const { docker, asked } = fakeEngine({ info: { CgroupVersion: '1' } });
    expect(await statsRefusal(docker, { engine: 'podman', version: '4.3.1' })).toBeUndefined();
    expect(await statsRefusal(docker, { engine: 'podman', version: '4.3.1' })).toBeUndefined();
    expect(asked).toEqual(['/info', '/v4.3.1/libpod/info']);
  });

  it('does not ask an engine that is not connected (no engine kind yet)', async () => {
    const { docker, asked } = fakeEngine({ info: { CgroupVersion: '1', SecurityOptions: ['name=rootless'] } });
    expect(await statsRefusal(docker, {})).toBeUndefined();
    expect(asked).toEqual([]);
  });
});
