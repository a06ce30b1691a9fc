/** Shared pieces of the compose integration tests: fixtures, the `redis` tag, and what a project left behind. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { ComposeStack } from '../../contract/compose';
import type { ApiClient } from '../../contract/api';
import type { Subscription } from '../../contract/define';
import { docker, FIXTURE_REDIS } from './docker';

const exec = promisify(execFile);

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'compose');
export const fixture = (name: string): string => join(FIXTURES, name, 'compose.yaml');
export const project = (tag: string): string =>
  `berth-test-${tag}-${process.pid}-${Math.random().toString(36).slice(2, 7)}`;

/** `image: redis` in the seed example resolves to the fixture; returns whether we created the tag. */
export async function tagRedis(): Promise<boolean> {
  const exists = await docker('image', 'inspect', 'redis:latest').then(
    () => true,
    () => false,
  );
  if (!exists) await docker('tag', FIXTURE_REDIS, 'redis:latest');
  return !exists;
}

export async function dockerCompose(...args: string[]): Promise<string> {
  const { stdout, stderr } = await exec('docker-compose', args, { maxBuffer: 16 * 1024 * 1024 });
  return `${stdout}${stderr}`;
}

const lines = (s: string) => s.split('\n').filter(Boolean);
const byLabel = (p: string) => ['--filter', `label=com.docker.compose.project=${p}`];

export const containersOf = async (p: string): Promise<string[]> =>
  lines(await docker('ps', '-a', '-q', ...byLabel(p)));
export const networksOf = async (p: string): Promise<string[]> =>
  lines(await docker('network', 'ls', '-q', ...byLabel(p)));
export const volumesOf = async (p: string): Promise<string[]> =>
  lines(await docker('volume', 'ls', '-q', ...byLabel(p)));

/** Removes everything a test project may have left: containers, networks, volumes and built images. */
export async function purge(p: string): Promise<void> {
  for (const id of await containersOf(p).catch(() => [])) await docker('rm', '-f', id).catch(() => '');
  for (const id of await networksOf(p).catch(() => [])) await docker('network', 'rm', id).catch(() => '');
  for (const v of await volumesOf(p).catch(() => [])) await docker('volume', 'rm', v).catch(() => '');
  const images = lines(await docker('images', '--format', '{{.Repository}}:{{.Tag}}').catch(() => ''));
  for (const i of images.filter((x) => x.startsWith(`${p}_`) || x.startsWith(`${p}-`))) {
    await docker('rmi', '-f', i).catch(() => '');
  }
}

/** Keeps the live stacks of a test backend in a map. */
export function watchStacks(api: ApiClient): { stacks: Map<string, ComposeStack>; sub: Subscription } {
  const stacks = new Map<string, ComposeStack>();
  const sub = api.compose.stacks.subscribe(undefined, {
    onEvent: (e) => {
      if (e.type === 'snapshot') stacks.clear();
      if (e.type === 'remove') for (const id of e.ids) stacks.delete(id);
      else for (const s of e.items) stacks.set(s.name, s);
    },
  });
  return { stacks, sub };
}
