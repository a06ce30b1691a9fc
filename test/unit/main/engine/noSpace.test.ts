/** A full disk said plainly: where "no space left on device" is found, and where it is not. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../contract/errors';
import { asNoSpace } from '../../../../main/engine/noSpace';

describe('asNoSpace', () => {
  it("finds it in the engine's own words", () => {
    const e = asNoSpace(
      new ApiError('failed', 'write /var/lib/docker/tmp/GetImageBlob1: no space left on device'),
      'the pull of x:1',
    );
    expect(e.code).toBe('no_space');
    expect(e.message).toBe(
      'The Docker engine ran out of disk space during the pull of x:1: write /var/lib/docker/tmp/GetImageBlob1: no space left on device',
    );
    expect(e.hint).toMatch(/Disk usage/);
  });

  it("finds it in a build step's own output, keeping where the build failed", () => {
    const details = { step: 2, output: ['writing', 'head: write error: No space left on device'] };
    const e = asNoSpace(
      new ApiError('failed', 'Step 2 (RUN …) failed: returned a non-zero code: 1', 'Fix', details),
      'the build',
    );
    expect(e.code).toBe('no_space');
    expect(e.message).toMatch(/during the build: head: write error: No space left on device$/);
    expect(e.details).toBe(details);
  });

  it('leaves other failures and cancellations alone', () => {
    const other = new ApiError('failed', 'Step 2 failed: returned a non-zero code: 1', undefined, { output: ['oops'] });
    expect(asNoSpace(other, 'the build')).toBe(other);
    const cancelled = new ApiError('cancelled', 'no space left on device');
    expect(asNoSpace(cancelled, 'the build')).toBe(cancelled);
  });
});
