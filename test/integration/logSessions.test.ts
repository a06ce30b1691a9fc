/**
 * Logs without a ceiling, against the real engine: a container prints 1,000,000 numbered lines (busybox
 * `seq`); its log session has every one of them, reads any line, counts a search as `grep -c` does, jumps to
 * a time, downloads exactly what `docker logs` prints (through the web bridge's one-time URL and through
 * the desktop's save dialog), follows a running container, and deletes its spool when closed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogSearchEvent, LogSessionEvent, LogSessionState } from '../../contract/logs';
import type { Subscription } from '../../contract/define';
import { createBackend } from '../../main/backend';
import { startWebBridge, type WebBridge } from '../../main/ipc/webBridge';
import type { DesktopShell } from '../../main/services';
import { connectInProcess, startTestBackend, type InProcessClient, type TestBackend } from '../helpers/inProcessClient';
import { docker, eventually, FIXTURE_BUSYBOX, removeContainers, uniqueName } from '../helpers/docker';
import { RENDERER_DIR } from '../helpers/browser';

const N = 1_000_000;
let t: TestBackend;
let bridge: WebBridge;
const created: string[] = [];
const subs: Subscription[] = [];
let bigId = '';
/**
 * The lines the engine kept of `seq 1 N`: on a heavily loaded machine Engine 20.10's json-file logger has
 * been seen to lose the end of a container that prints this fast and exits (956,974 of 1,000,000 in its own
 * log file). seq's lines are numbered, so the last one kept is the count; Berth must report exactly that.
 */
let kept = N;

/** `docker logs <id>` (stdout) as bytes; or piped through `sh -c "... | <then>"`. */
function cli(command: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', () => resolve(Buffer.concat(chunks)));
  });
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Opened {
  session: string;
  state: () => LogSessionState | undefined;
  sub: Subscription;
}

function open(api: TestBackend['api'] | InProcessClient['api'], id: string): Promise<Opened> {
  return new Promise((resolve, reject) => {
    let state: LogSessionState | undefined;
    let resolved = false;
    const sub = api.containers.logSession.subscribe(
      { id },
      {
        onEvent: (e: LogSessionEvent) => {
          if (e.type === 'state') state = e;
          else if (!resolved) {
            resolved = true;
            resolve({ session: e.session, state: () => state, sub });
          }
        },
        onEnd: (error) => reject(new Error(`session ended: ${error?.message ?? 'without error'}`)),
      },
    );
    subs.push(sub);
  });
}

function search(session: string, text: string, regex = false, caseSensitive = true) {
  const out = { last: undefined as LogSearchEvent | undefined };
  subs.push(
    t.api.logs.search.subscribe(
      { session, text, regex, caseSensitive },
      { onEvent: (e) => (out.last = e), onEnd: (e) => e && (out.last = undefined) },
    ),
  );
  return out;
}

beforeAll(async () => {
  t = startTestBackend();
  bridge = await startWebBridge({
    router: t.backend.router,
    root: RENDERER_DIR,
    download: (token) => t.backend.services.logSessions.takeDownload(token),
  });
  const name = uniqueName('logs-million');
  created.push(name);
  bigId = await docker('run', '-d', '--name', name, FIXTURE_BUSYBOX, 'seq', '1', String(N));
  await docker('wait', bigId);
  kept = Number(await docker('logs', '--tail', '1', bigId));
}, 600_000);

afterAll(async () => {
  for (const s of subs) s.unsubscribe();
  await bridge?.close();
  t?.close();
  await removeContainers(...created);
});

describe('log sessions on the real engine', () => {
  let big: Opened;

  it('keeps all 1,000,000 lines of a container and reads line 500,000', async () => {
    big = await open(t.api, bigId);
    const done = await eventually(
      'every line kept',
      () => {
        const s = big.state();
        return s && !s.following ? s : undefined;
      },
      120_000,
    );
    expect(kept).toBeGreaterThan(750_000);
    expect(done.lines).toBe(kept);
    expect(done.capped).toBe(false);
    expect(done.error).toBeUndefined();
    const { lines } = await t.api.logs.read({ session: big.session, from: 499_999, to: 500_001 });
    expect(lines.map((l) => [l.n, l.text, l.stream])).toEqual([
      [499_999, '500000', 'stdout'],
      [500_000, '500001', 'stdout'],
    ]);
    expect(lines[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
  });

  it('counts a plain and a regex search exactly as docker logs | grep -c does, and steps through the matches', async () => {
    const plain = search(big.session, '4242');
    const regex = search(big.session, '^9+$|^12.*34$', true);
    const any = search(big.session, '77', false, false);
    const grep = (args: string) =>
      cli(`docker logs ${bigId} 2>/dev/null | grep -c ${args}`).then((b) => Number(String(b).trim()));
    const [gPlain, gRegex, gAny] = await Promise.all([grep('4242'), grep("-E '^9+$|^12.*34$'"), grep('-i 77')]);
    const p = await eventually('plain search done', () => (plain.last?.done ? plain.last : undefined), 60_000);
    const r = await eventually('regex search done', () => (regex.last?.done ? regex.last : undefined), 60_000);
    const a = await eventually('case-free search done', () => (any.last?.done ? any.last : undefined), 60_000);
    expect([p.count, r.count, a.count]).toEqual([gPlain, gRegex, gAny]);
    expect(p.scanned).toBe(kept);
    expect(p.first).toBe(4241); // the line "4242"
    const next = await t.api.logs.match({ session: big.session, search: p.search, line: 4241, direction: 'next' });
    expect(next).toEqual({ index: 1, line: 14_241, count: gPlain });
    const prev = await t.api.logs.match({ session: big.session, search: p.search, line: 4241, direction: 'previous' });
    expect(prev.index).toBe(gPlain - 1); // wraps to the last match
    await expect(
      new Promise((resolve, reject) =>
        subs.push(
          t.api.logs.search.subscribe(
            { session: big.session, text: '(', regex: true },
            { onEvent: resolve, onEnd: (e) => reject(Object.assign(new Error(e?.message), e)) },
          ),
        ),
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('jumps to a time: the first line at or after it', async () => {
    const [line] = (await t.api.logs.read({ session: big.session, from: 700_000, to: 700_001 })).lines;
    const at = (await t.api.logs.lineAtTime({ session: big.session, time: line?.time ?? '' })).line;
    expect(at).toBeLessThanOrEqual(700_000);
    const [found] = (await t.api.logs.read({ session: big.session, from: at, to: at + 1 })).lines;
    expect(found?.time).toBe(line?.time);
    if (at > 0) {
      const [before] = (await t.api.logs.read({ session: big.session, from: at - 1, to: at })).lines;
      expect((before?.time ?? '') < (line?.time ?? '')).toBe(true);
    }
    expect((await t.api.logs.lineAtTime({ session: big.session, time: '2000-01-01T00:00:00Z' })).line).toBe(0);
    expect((await t.api.logs.lineAtTime({ session: big.session, time: '2999-01-01T00:00:00Z' })).line).toBe(kept);
  });

  it('downloads byte for byte what docker logs prints, once, through the web bridge', async () => {
    const { url } = await t.api.logs.download({ session: big.session });
    expect(url).toMatch(/^\/logs\/download\//);
    const res = await fetch(`http://127.0.0.1:${bridge.port}${url}?token=${bridge.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.log"/);
    const body = Buffer.from(await res.arrayBuffer());
    const expected = await cli(`docker logs ${bigId}`);
    expect(body.length).toBe(expected.length);
    expect(sha(body)).toBe(sha(expected));
    expect((await fetch(`http://127.0.0.1:${bridge.port}${url}?token=${bridge.token}`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${bridge.port}${url}`)).status).toBe(401);
  });

  it('deletes the spool when the view closes (unsubscribes)', async () => {
    const dir = t.backend.services.logSessions.get(big.session).spool.dir;
    expect(existsSync(dir)).toBe(true);
    big.sub.unsubscribe();
    await eventually('spool deleted', () => !existsSync(dir), 30_000);
    await expect(t.api.logs.read({ session: big.session, from: 0, to: 1 })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('follows a running container, stdout and stderr, and saves through the desktop save dialog', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'berth-logs-save-'));
    const target = join(folder, 'saved.log');
    const shell: DesktopShell = {
      kind: 'desktop',
      openExternal: async () => false,
      pickPath: async () => null,
      savePath: async ({ defaultName }) => (defaultName.endsWith('.log') ? target : null),
    };
    const desktop = connectInProcess(createBackend({ shell, validateOutputs: 'fail', log: () => {} }));
    try {
      const name = uniqueName('logs-follow');
      created.push(name);
      const id = await docker(
        'run',
        '-d',
        '--name',
        name,
        FIXTURE_BUSYBOX,
        'sh',
        '-c',
        'i=0; while [ $i -lt 40 ]; do i=$((i+1)); echo out $i; echo err $i >&2; sleep 0.05; done; sleep 300',
      );
      const s = await open(desktop.api, id);
      await eventually('80 lines while running', () => s.state()?.lines === 80, 60_000);
      expect(s.state()?.following).toBe(true);
      const { lines } = await desktop.api.logs.read({ session: s.session, from: 0, to: 80 });
      expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(
        Array.from({ length: 40 }, (_, i) => `err ${i + 1}`),
      );
      expect((await desktop.api.logs.download({ session: s.session })).path).toBe(target);
      const saved = readFileSync(target, 'utf8').split('\n');
      expect(saved).toHaveLength(81);
      expect(saved.filter((l) => l.startsWith('out')).length).toBe(40);
      await docker('rm', '-f', name);
      await eventually('the log ended with the container', () => s.state()?.following === false, 30_000);
      s.sub.unsubscribe();
    } finally {
      desktop.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
