import { describe, expect, it } from 'vitest';
import { decodeComposeJson } from '../../../../main/compose/jsonProgress';
import { progressOf } from '../../../../main/compose/progress';
import { failureMessage } from '../../../../main/compose/failure';
import { helpOffersJsonProgress } from '../../../../main/compose/tool';
import { progressLines } from '../../../helpers/recorded';

const project = 'berth-rec-progress';
const services = ['web', 'cache'];
const texts = (file: string) =>
  progressLines(file).flatMap((l) => {
    const d = decodeComposeJson(l);
    return d?.kind === 'text' ? d.lines : [];
  });

describe('Compose v5 --progress json (recorded)', () => {
  it('up: container events become the per-service progress v2 text gave', () => {
    const lines = texts('compose-v5-up.jsonl');
    expect(lines).toContain('Container berth-rec-progress-web-1 Started');
    const last = new Map<string, string>();
    for (const l of lines) {
      const p = progressOf(l, project, services);
      if (p) last.set(p.service, p.status);
    }
    expect(Object.fromEntries(last)).toEqual({ web: 'running', cache: 'running' });
  });

  it('down: every service stopped, then removed', () => {
    const last = new Map<string, string>();
    for (const l of texts('compose-v5-down.jsonl')) {
      const p = progressOf(l, project, services);
      if (p?.done) last.set(p.service, p.status);
    }
    expect(Object.fromEntries(last)).toEqual({ web: 'removed', cache: 'removed' });
  });

  it('build: BuildKit status lines are handed on as they are, compose events as text', () => {
    const decoded = progressLines('compose-v5-build.jsonl').map(decodeComposeJson);
    expect(decoded.every(Boolean)).toBe(true);
    const builds = decoded.filter((d) => d?.kind === 'build');
    expect(builds.length).toBeGreaterThan(20);
    expect(texts('compose-v5-build.jsonl')).toEqual([
      'Image berth-rec/progress-web:latest Building',
      'Image berth-rec/progress-web:latest Built',
    ]);
  });

  it('errors: a service error and the final message become lines the failure reader picks', () => {
    const service = decodeComposeJson(
      '{"id":"service:bad:1","status":"Error","text":"Error response from daemon: No such image: x:latest"}',
    );
    expect(service).toEqual({
      kind: 'text',
      lines: ['Service bad Error: Error response from daemon: No such image: x:latest'],
    });
    expect(progressOf('Service bad Error: Error response from daemon: x', project, ['bad'])).toMatchObject({
      service: 'bad',
      failed: true,
    });
    const build = decodeComposeJson(
      '{"error":true,"message":"Dockerfile:2\\n\\n   2 | >>> RUN exit 4\\n\\nfailed to solve: process \\"/bin/sh -c exit 4\\" did not complete successfully: exit code: 4\\n"}',
    );
    expect(build?.kind === 'text' && build.lines.at(-1)).toBe(
      'ERROR: failed to solve: process "/bin/sh -c exit 4" did not complete successfully: exit code: 4',
    );
    expect(failureMessage(build?.kind === 'text' ? build.lines : [])).toMatch(/^failed to solve: .*exit code: 4$/);
    expect(decodeComposeJson('not json')).toBeUndefined();
  });

  it('tells from --help whether --progress takes json', () => {
    const v5 = `Options:
      --progress string            Set type of progress output (auto,
                                   tty, plain, json, quiet)
      --project-directory string   Specify an alternate working directory`;
    const older = `Options:
      --progress string            Set type of progress output (auto, tty, plain, quiet)
      --project-name string        Project name (set json here)`;
    expect(helpOffersJsonProgress(v5)).toBe(true);
    expect(helpOffersJsonProgress(older)).toBe(false);
    expect(helpOffersJsonProgress('Usage: docker-compose [-f <arg>...]')).toBe(false);
  });
});
