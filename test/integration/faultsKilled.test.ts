/**
 * Berth's own process killed (SIGKILL) in the middle of a pull and of a compose up: a real `npm run web`
 * process pulls from a registry that accepts connections and never answers (so both are surely still
 * running), is killed, and a new process on the same config folder starts. Its task list says what was
 * interrupted, it ends the compose the killed one left running, and its lists show what the engine really
 * has (the half-made stack as it is, the image not there). Counted in the run's fault summary
 * (test/helpers/summaryReporter.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComposeStack } from '../../contract/compose';
import { INTERRUPTED } from '../../main/tasks/taskManager';
import { containersOf, project as projectName, purge } from '../helpers/compose';
import { eventually, FIXTURE_BUSYBOX } from '../helpers/docker';
import { descendants, killBerth, running as isRunning, startWebBerth } from '../helpers/webBerth';

let dir: string;
let blackHole: net.Server;
let blackHolePort = 0;
let accepted = 0;
const held = new Set<net.Socket>();
const project = projectName('killed');
const orphans: number[] = [];
const faults = { injected: 0, survived: 0, leftContainers: -1 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-killed-'));
  blackHole = net.createServer((s) => {
    accepted++;
    held.add(s);
    s.on('error', () => undefined);
    s.on('close', () => held.delete(s));
  });
  await new Promise<void>((r) => blackHole.listen(0, '127.0.0.1', r));
  blackHolePort = (blackHole.address() as net.AddressInfo).port;
  writeFileSync(
    join(dir, 'compose.yaml'),
    [
      'services:',
      '  web:',
      `    image: ${FIXTURE_BUSYBOX}`,
      '    command: ["sleep", "3600"]',
      '  slow:',
      `    image: 127.0.0.1:${blackHolePort}/berth-fault/slow:1`,
      '    depends_on: [web]',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  for (const pid of orphans) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await purge(project);
  for (const s of held) s.destroy();
  await new Promise((r) => blackHole?.close(r));
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(
    `Berth killed during a pull and a compose up: ${faults.survived} of ${faults.injected} recovered; the stack was left with ${faults.leftContainers} container(s), shown as such\n`,
  );
});

describe('Berth killed (SIGKILL) during a pull and a compose up', () => {
  it('fault: Berth killed (SIGKILL) during a pull and a compose up — both listed as interrupted after a restart, the engine shown as it really is', async () => {
    const first = await startWebBerth(join(dir, 'config'));
    const reference = `127.0.0.1:${blackHolePort}/berth-fault/pull:1`;
    const pull = (await first.call('images.pull', { reference })) as { taskId: string };
    await eventually('the pull reached the registry', () => accepted > 0, 60_000);
    const before = accepted;
    const up = (await first.call('compose.up', { file: join(dir, 'compose.yaml'), project })) as { taskId: string };
    await eventually('compose up reached the registry', () => accepted > before, 120_000);
    const running = first.messages.filter((m) => m.type === 'result' && m.ok).length;
    expect(running).toBeGreaterThanOrEqual(2);

    orphans.push(...(await descendants(first.child.pid as number)));
    await killBerth(first);
    faults.injected += 2;
    // compose, waiting on the registry, has nothing to write: it outlives the killed Berth.
    expect((await Promise.all(orphans.map(isRunning))).some(Boolean)).toBe(true);

    const second = await startWebBerth(join(dir, 'config'));
    try {
      const byId = new Map((await second.tasks()).map((t) => [t.id, t]));
      for (const [id, kind] of [
        [pull.taskId, 'image.pull'],
        [up.taskId, 'compose.up'],
      ] as const) {
        expect(byId.get(id), kind).toMatchObject({ kind, state: 'failed', message: INTERRUPTED });
        expect(byId.get(id)?.error?.hint).toMatch(/really has now/);
        faults.survived += 1;
      }
      // The new Berth ends the compose the killed one left running (its journal named it), and says so.
      await eventually(
        'the orphaned compose to be ended',
        async () => {
          const still = await Promise.all(orphans.map(isRunning));
          return still.every((r) => !r);
        },
        60_000,
      );
      const { lines } = (await second.call('tasks.log', { id: up.taskId })) as { lines: string[] };
      expect(lines.join('\n')).toMatch(/Ended docker[ -]compose \(pid \d+\), which the stopped Berth/);
      // The engine's real state: the image never came, and the stack is shown as far as it got.
      const images = await second.call('images.list');
      expect(JSON.stringify(images)).not.toContain(reference);
      const real = await containersOf(project);
      faults.leftContainers = real.length;
      second.send({ type: 'subscribe', id: 9002, method: 'compose.stacks' });
      const stacks = await eventually('stack snapshot', () =>
        second.messages.find((m) => m.id === 9002 && m.type === 'event'),
      );
      const list = stacks.type === 'event' ? (stacks.event as { items: ComposeStack[] }).items : [];
      const stack = list.find((s) => s.name === project);
      if (real.length === 0) expect(stack).toBeUndefined();
      else expect(stack?.total).toBe(real.length);
    } finally {
      await second.stop();
    }
  });
});
