import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeTool, detectComposeCli } from '../../main/compose/tool';
import { ComposeContext } from '../../main/compose/context';
import type { Services } from '../../main/services';
import { ApiError } from '../../contract/errors';

const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'berth-path-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A PATH folder with docker-compose (v1) and a `docker` shim running `script`; returns both paths. */
const withDockerShim = (script: string) => {
  const d = dir();
  symlinkSync('/usr/bin/docker-compose', join(d, 'docker-compose'));
  const shim = join(d, 'docker');
  writeFileSync(shim, script);
  chmodSync(shim, 0o755);
  return { d, shim };
};

describe('finding the compose CLI on PATH', () => {
  it('uses docker-compose (v1) when only it is on PATH', async () => {
    const d = dir();
    symlinkSync('/usr/bin/docker-compose', join(d, 'docker-compose'));
    const cli = await detectComposeCli({ PATH: d });
    expect(cli).toMatchObject({ command: 'docker-compose', program: 'docker-compose', prefix: [], v2: false });
    expect(cli?.version).toMatch(/^1\.\d+\.\d+$/);
  });

  it('prefers `docker compose` (v2) when the docker CLI answers `compose version`', async () => {
    const { d } = withDockerShim(
      '#!/bin/sh\nif [ "$1" = compose ] && [ "$2" = version ]; then echo "Docker Compose version v2.29.7"; exit 0; fi\nexit 1\n',
    );
    const cli = await detectComposeCli({ PATH: d });
    expect(cli).toMatchObject({
      command: 'docker compose',
      program: 'docker',
      prefix: ['compose'],
      v2: true,
      version: '2.29.7',
    });
  });

  it('finds one on the real PATH', async () => {
    const cli = await detectComposeCli({ PATH: process.env.PATH });
    expect(cli?.command).toMatch(/^docker.compose$/);
  });

  it('with neither, reports not available and how to install one', async () => {
    const cli = await detectComposeCli({ PATH: dir() });
    expect(cli).toBeUndefined();
    const tool = describeTool(cli);
    expect(tool.available).toBe(false);
    expect(tool.hint).toMatch(/docker compose/);
    expect(tool.hint).toMatch(/docker-compose/);
  });

  it('makes compose operations fail with tool_missing and the install hint', async () => {
    const services = { settings: { current: { composeBinary: '' } } } as unknown as Services;
    const ctx = new ComposeContext(services, { PATH: dir() });
    const err = (await ctx.cli().catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('tool_missing');
    expect(err.hint).toMatch(/install/i);
  });

  it('follows the compose binary setting: a standalone program, or docker for the plugin', async () => {
    const { d, shim } = withDockerShim(
      '#!/bin/sh\n[ "$1 $2" = "compose version" ] && echo "Docker Compose version v2.29.7" && exit 0\nexit 1\n',
    );
    expect((await detectComposeCli({ PATH: d }, 'docker-compose'))?.command).toBe('docker-compose');
    expect((await detectComposeCli({ PATH: d }, shim))?.program).toBe(shim);
    expect(await detectComposeCli({ PATH: d }, join(d, 'no-such-compose'))).toBeUndefined();
    const settings = { current: { composeBinary: '' } };
    const ctx = new ComposeContext({ settings } as unknown as Services, { PATH: d });
    expect((await ctx.cli()).command).toBe('docker compose');
    settings.current.composeBinary = 'docker-compose';
    expect((await ctx.cli()).command).toBe('docker-compose');
  });
});
