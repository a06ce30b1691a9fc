/** Telling "the engine stopped under the work" from the work's own failure, with a fake engine's ping. */
import { describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import { ApiError } from '../../../../contract/errors';
import { unlessEngineStopped } from '../../../../main/engine/engineStopped';

/** An engine whose pings answer as listed (true = 200), then keep answering as the last one. */
const engine = (...answers: boolean[]) => {
  let i = 0;
  const ping = () => {
    const ok = answers[Math.min(i++, answers.length - 1)];
    return ok ? Promise.resolve('OK') : Promise.reject(new Error('connect ENOENT'));
  };
  return { docker: { ping } as unknown as Docker, pings: () => i };
};
const stepFailed = new ApiError('failed', 'Step 2 (RUN sleep 120) failed: returned a non-zero code: 137', 'Fix it', {
  step: 2,
});

describe('unlessEngineStopped', () => {
  it('keeps the failure when the engine still answers', async () => {
    const e = engine(true);
    expect(await unlessEngineStopped(e.docker, stepFailed, 'the build')).toBe(stepFailed);
    expect(e.pings()).toBe(3);
  });

  it('says the engine stopped when it no longer answers, keeping where the work was', async () => {
    const error = await unlessEngineStopped(engine(false).docker, stepFailed, 'the build');
    expect(error.code).toBe('engine_unreachable');
    expect(error.message).toBe('The Docker engine stopped during the build, which was interrupted.');
    expect(error.hint).toMatch(/Start the Docker engine/);
    expect(error.details).toEqual({ step: 2 });
  });

  it('catches an engine that answered once more while shutting down', async () => {
    expect((await unlessEngineStopped(engine(true, false).docker, stepFailed, 'the build')).code).toBe(
      'engine_unreachable',
    );
  });

  it('leaves cancellations alone without asking the engine', async () => {
    const e = engine(false);
    const cancelled = new ApiError('cancelled', 'Cancelled.');
    expect(await unlessEngineStopped(e.docker, cancelled, 'the build')).toBe(cancelled);
    expect(e.pings()).toBe(0);
  });
});
