import { describe, expect, it } from 'vitest';
import { BuildxOutput, buildxArgs } from '../../../../../main/engine/images/buildxBuild';
import { locateInStage, parseDockerfile } from '../../../../../main/engine/images/buildDockerfile';
import type { BuildJob } from '../../../../../main/engine/images/buildJob';
import type { BuildFailure } from '../../../../../contract/images';
import type { TaskHandle } from '../../../../../main/tasks/taskManager';
import { fixtureText, progressLines, recordingTask } from '../../../../helpers/recorded';

const job = (dockerfile: string, overrides: Partial<BuildJob['input']> = {}): BuildJob => ({
  input: {
    context: '/src/app',
    dockerfile,
    tags: ['app:dev'],
    buildArgs: {},
    noCache: false,
    pull: false,
    labels: {},
    builder: 'buildkit',
    ...overrides,
  },
  context: '/src/app',
  dockerfilePath: `/src/app/${dockerfile}`,
  dockerfileText: fixtureText('build', 'three-stage', dockerfile),
  tags: ['app:dev'],
});

describe('docker buildx build', () => {
  it('spells out every option, run in the build folder', () => {
    expect(buildxArgs(job('Dockerfile'), '/tmp/iid').slice(-3)).toEqual(['-t', 'app:dev', '.']);
    const j = job('Dockerfile.fail', {
      buildArgs: { GREETING: 'hi there' },
      labels: { team: 'a' },
      target: 'build',
      noCache: true,
      pull: true,
    });
    expect(buildxArgs(j, '/tmp/iid')).toEqual([
      'buildx', 'build', '--progress', 'rawjson', '--load', '--iidfile', '/tmp/iid',
      '-f', 'Dockerfile.fail', '-t', 'app:dev', '--build-arg', 'GREETING=hi there', '--label', 'team=a',
      '--target', 'build', '--no-cache', '--pull', '.',
    ]); // prettier-ignore
  });

  it('turns the recorded failure into the step, its output and the Dockerfile line buildx marked', () => {
    const task = recordingTask();
    const out = new BuildxOutput(task as unknown as TaskHandle);
    progressLines('buildx-three-stage-fail.log').forEach(out.onLine);
    const error = out.failure(job('Dockerfile.fail'), 1);
    expect(error.code).toBe('failed');
    expect(error.message).toMatch(/^Step \[build 1\/1\] RUN cat \/greeting.txt .* failed: process .* exit code: 3$/);
    const details = error.details as BuildFailure;
    expect(details.line).toBe(7);
    expect(details.stage).toBe('build');
    expect(details.output).toEqual(['hello from base', 'built', 'failing now']);
    expect(details.excerpt.find((l) => l.line === 7)?.text).toMatch(/^RUN cat \/greeting.txt/);
    // Its text lines (the excerpt, the ERROR) went to the task log, the steps to the task.
    expect(task.lines.some((l) => l.startsWith('ERROR: failed to build'))).toBe(true);
    expect([...task.steps.values()].find((s) => s.status === 'failed')?.label).toMatch(/^\[build 1\/1\]/);
  });

  it('finds a step by its text inside its stage (BuildKit numbers only steps that run)', () => {
    const ins = parseDockerfile(fixtureText('build', 'three-stage', 'Dockerfile'));
    expect(locateInStage(ins, 'build', 'RUN cat /greeting.txt && echo built > /built.txt')).toBe(7);
    expect(locateInStage(ins, 'stage-2', 'COPY --from=base /greeting.txt /greeting.txt')).toBe(11);
    expect(locateInStage(ins, 'BASE', 'RUN echo "$GREETING from base" > /greeting.txt && sleep 1')).toBe(4);
    expect(locateInStage(ins, undefined, 'CMD ["cat", "/greeting.txt"]')).toBe(12);
    expect(locateInStage(ins, 'build', 'RUN something else')).toBeNull();
  });

  it('an error before any step (an unknown target) says so, with a hint', () => {
    const task = recordingTask();
    const out = new BuildxOutput(task as unknown as TaskHandle);
    out.onLine('ERROR: failed to build: failed to solve: target stage "nope" could not be found');
    const error = out.failure(job('Dockerfile', { target: 'nope' }), 1);
    expect(error.message).toBe(
      'The build failed: failed to build: failed to solve: target stage "nope" could not be found',
    );
    expect(error.hint).toMatch(/target stage name/);
  });
});
