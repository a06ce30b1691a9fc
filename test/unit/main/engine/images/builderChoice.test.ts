import { describe, expect, it } from 'vitest';
import { decideBuilder } from '../../../../../main/engine/images/builderChoice';
import { ApiError } from '../../../../../contract/errors';

const linux = 'linux/amd64';

describe('which builder a build uses', () => {
  it('auto: BuildKit where the engine offers it and buildx is there, as the docker CLI does', () => {
    // Engine 29 says Builder-Version 2; 20.10 says nothing and builds with BuildKit when asked.
    for (const builderVersion of ['2', undefined]) {
      expect(decideBuilder({ wanted: 'auto', engineOs: linux, builderVersion, buildx: '0.38.2' }).builder).toBe(
        'buildkit',
      );
    }
  });

  it('auto: the classic builder where the engine is set to it, on Windows, or without buildx (saying why)', () => {
    expect(decideBuilder({ wanted: 'auto', engineOs: linux, builderVersion: '1', buildx: '0.38.2' })).toMatchObject({
      builder: 'classic',
      reason: expect.stringMatching(/engine is set to build with the classic builder/),
    });
    expect(decideBuilder({ wanted: 'auto', engineOs: 'windows/amd64', builderVersion: '2', buildx: '1' }).builder).toBe(
      'classic',
    );
    expect(decideBuilder({ wanted: 'auto', engineOs: linux, builderVersion: '2', buildx: undefined })).toMatchObject({
      builder: 'classic',
      reason: expect.stringMatching(/buildx is not installed.*docker-buildx-plugin/),
    });
  });

  it('buildkit insists, and says how to get buildx; classic always works', () => {
    expect(decideBuilder({ wanted: 'buildkit', engineOs: linux, builderVersion: '1', buildx: '0.38.2' }).builder).toBe(
      'buildkit',
    );
    let error: unknown;
    try {
      decideBuilder({ wanted: 'buildkit', engineOs: linux, builderVersion: '2', buildx: undefined });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('tool_missing');
    expect(decideBuilder({ wanted: 'classic', engineOs: linux, builderVersion: '2', buildx: '0.38.2' }).builder).toBe(
      'classic',
    );
  });

  it("builds with Podman's own builder on Podman, and refuses BuildKit there with why", () => {
    const podman = {
      engineOs: 'linux/amd64',
      builderVersion: undefined,
      buildx: '0.38.2',
      engineKind: 'podman',
    } as const;
    expect(decideBuilder({ wanted: 'auto', ...podman })).toMatchObject({
      builder: 'classic',
      reason: expect.stringMatching(/Podman/),
    });
    expect(() => decideBuilder({ wanted: 'buildkit', ...podman })).toThrow(/Podman has no BuildKit/);
    expect(decideBuilder({ wanted: 'classic', ...podman }).builder).toBe('classic');
  });
});
