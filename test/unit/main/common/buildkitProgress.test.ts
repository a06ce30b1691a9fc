import { describe, expect, it } from 'vitest';
import { BuildkitProgress, isSolveStatus, parseVertexName } from '../../../../main/common/buildkitProgress';
import { progressLines } from '../../../helpers/recorded';

/** Feeds a recorded `docker buildx build --progress rawjson` stderr through the reader. */
function replay(file: string) {
  const progress = new BuildkitProgress();
  const log: string[] = [];
  for (const line of progressLines(file)) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue; // buildx's own text lines
    }
    if (isSolveStatus(value)) log.push(...progress.apply(value).log);
  }
  return { progress, log, byLabel: (start: string) => progress.steps.find((s) => s.label.startsWith(start)) };
}

describe('BuildKit progress (recorded buildx rawjson, 3-stage Dockerfile)', () => {
  it('Engine 29, no cache: every stage step done with its times, the base image cached', () => {
    const { progress, byLabel, log } = replay('buildx-three-stage.log');
    const run = byLabel('[base 2/2] RUN');
    expect(run).toMatchObject({ status: 'done', fraction: 1 });
    // The step sleeps one second.
    expect((run?.endedAt ?? 0) - (run?.startedAt ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(byLabel('[build 1/1] RUN')?.status).toBe('done');
    expect(byLabel('[stage-2 2/3] COPY --from=build')?.status).toBe('done');
    expect(byLabel('[base 1/2] FROM')?.status).toBe('cached');
    expect(byLabel('exporting to image')?.status).toBe('done');
    expect(progress.fraction).toBe(1);
    expect(progress.failure).toBeUndefined();
    // Log lines in --progress plain's shape, numbered as steps start, with the step's output.
    expect(log[0]).toBe('#1 [internal] load build definition from Dockerfile');
    const n = log
      .find((l) => l.endsWith('[build 1/1] RUN cat /greeting.txt && echo built > /built.txt'))
      ?.split(' ')[0];
    expect(log).toContain(`${n} hi from base`);
    expect(log.some((l) => /^#\d+ DONE \d+\.\ds$/.test(l))).toBe(true);
    // Steps are listed in the order they started.
    const order = progress.steps.map((s) => s.label);
    expect(order.indexOf(byLabel('[base 2/2]')?.label ?? '')).toBeLessThan(
      order.indexOf(byLabel('[build 1/1]')?.label ?? ''),
    );
  });

  it('Engine 29 again: the stage steps come from the cache', () => {
    const { byLabel } = replay('buildx-three-stage-cached.log');
    for (const label of ['[base 2/2] RUN', '[build 1/1] RUN', '[stage-2 2/3] COPY', '[stage-2 3/3] COPY']) {
      expect(byLabel(label)?.status, label).toBe('cached');
    }
  });

  it('Engine 20.10 (BuildKit 0.8 through the same buildx): the same steps', () => {
    const { byLabel, progress } = replay('buildx-three-stage-engine20.log');
    expect(byLabel('[base 2/2] RUN')?.status).toBe('done');
    expect(byLabel('[stage-2 3/3] COPY')?.status).toBe('done');
    expect(progress.fraction).toBe(1);
  });

  it('a failing step: marked failed with its error and its own output; later steps never ran', () => {
    const { progress, byLabel } = replay('buildx-three-stage-fail.log');
    expect(byLabel('[build 1/1] RUN')?.status).toBe('failed');
    expect(byLabel('[stage-2 2/3] COPY')?.status).toBe('waiting');
    expect(progress.failure).toEqual({
      name: '[build 1/1] RUN cat /greeting.txt && echo built && echo failing now && exit 3 > /built.txt',
      error: expect.stringMatching(/did not complete successfully: exit code: 3$/),
      output: ['hello from base', 'built', 'failing now'],
    });
    const cancelled = progress.finish(true);
    expect(cancelled.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('reads step names: stage, platform and instruction', () => {
    expect(parseVertexName('[build 2/3] RUN make')).toEqual({ stage: 'build', instruction: 'RUN make' });
    expect(parseVertexName('[2/3] COPY . /app')).toEqual({ instruction: 'COPY . /app' });
    expect(parseVertexName('[linux/arm64 build 1/2] RUN x')).toEqual({ stage: 'build', instruction: 'RUN x' });
    expect(parseVertexName('[linux/amd64 1/1] COPY hello.txt /')).toEqual({ instruction: 'COPY hello.txt /' });
    expect(parseVertexName('exporting to image')).toBeUndefined();
  });

  it('a transfer inside a running step gives it a fraction', () => {
    const p = new BuildkitProgress();
    p.apply({ vertexes: [{ digest: 'd', name: '[internal] load build context', started: '2026-01-01T00:00:00Z' }] });
    const { steps } = p.apply({ statuses: [{ id: 'transferring context:', vertex: 'd', current: 25, total: 100 }] });
    expect(steps[0]?.fraction).toBe(0.25);
  });
});
