/**
 * The status bar: the engine in use (its picker button, what it runs, or while it is not connected how long
 * Berth has been trying and when it tries next, counted each second even beside another window, with Retry
 * now), an ssh host key to trust, the kept engines, and the running tasks (which toggle the task center).
 */
import { useEngine, openEnginePicker, reconnectEngine, trustHostKey } from '../stores/engineStore';
import { useTasks } from '../stores/tasksStore';
import { notify } from '../stores/toastStore';
import { toApiError } from '../common/apiError';
import type { EngineState } from '../../contract/system';
import { confirm } from './ConfirmDialog';
import { KeptEngines } from './KeptEngines';
import { engineProgress } from './engineProgress';
import { useClock } from './useClock';

/** Which engine, as the picker button names it: the context, else where it was found. */
const engineLabel = (e: EngineState) => e.context ?? (e.source === 'Settings' ? e.endpoint : e.source);

const TRANSPORT: Record<NonNullable<EngineState['transport']>, string> = {
  unix: 'socket',
  npipe: 'pipe',
  tcp: 'tcp, not encrypted',
  tls: 'TLS',
  ssh: 'ssh',
};

async function askToTrust(engine: EngineState): Promise<void> {
  const key = engine.hostKey;
  if (!key) return;
  const { ok } = await confirm({
    title: `Trust the host key of ${key.host}?`,
    message:
      `Berth has never connected to ${key.host}${key.port === 22 ? '' : ` port ${key.port}`} before. Its ${key.type} key ` +
      `fingerprint is ${key.fingerprint}. Compare it with the one the host's administrator gave you ` +
      `(\`ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub\` on the host). Trusting adds it to ${key.knownHostsFile}, as ssh does.`,
    confirmLabel: 'Trust and connect',
  });
  if (!ok) return;
  try {
    await trustHostKey(key);
  } catch (e) {
    const err = toApiError(e);
    notify('error', 'Could not trust the host key', err.message, err.hint);
  }
}

async function retryNow(): Promise<void> {
  try {
    await reconnectEngine();
  } catch (e) {
    const err = toApiError(e);
    notify('error', 'Could not retry the engine', err.message, err.hint);
  }
}

/**
 * While the engine is not connected: how long Berth has been trying and when it tries next, counted each
 * second, with "Retry now" while it waits out a pause. Mounted only then, so nothing ticks while connected.
 */
function EngineTrying({ engine }: { engine: EngineState }) {
  // The clock re-renders each second; the words are counted from this moment, since a new state (a new
  // pause) can come between two ticks and would otherwise read up to a second long. It keeps counting while
  // the window is shown but not focused (read beside the terminal that starts the engine), not while hidden.
  useClock(1000, { pauseWhen: 'hidden' });
  const now = Date.now();
  const { tryingFor, nextTry } = engineProgress(engine, now);
  if (engine.status === 'connecting') {
    return tryingFor ? (
      <span className="engine-trying" data-testid="engine-trying">
        {tryingFor}
      </span>
    ) : null;
  }
  if (!nextTry) return null;
  return (
    <>
      <span className="engine-trying" data-testid="engine-trying">
        {nextTry}
        {tryingFor ? ` · trying for ${tryingFor}` : ''}
      </span>
      {engine.retryAt !== undefined && engine.retryAt > now && (
        <button className="link" onClick={() => void retryNow()} data-testid="engine-retry-now">
          Retry now
        </button>
      )}
    </>
  );
}

export function StatusBar() {
  const engine = useEngine((s) => s.engine);
  const running = useTasks((s) => [...s.tasks.values()].filter((t) => t.state === 'running').length);
  const toggle = () => useTasks.getState().setOpen(!useTasks.getState().open);
  let text: string;
  let cls: string;
  if (!engine || engine.status === 'connecting') {
    text = engine ? `Connecting to ${engine.endpoint}…` : 'Connecting to the Docker engine…';
    cls = 'pending';
  } else if (engine.status === 'connected') {
    const c = engine.containers;
    const images = engine.images ?? 0;
    const name = engine.engine === 'podman' ? 'Podman' : 'Docker';
    const via = engine.local === false && engine.transport ? ` over ${TRANSPORT[engine.transport]}` : '';
    text = `${name} ${engine.version ?? ''}${via} · ${c?.running ?? 0} running · ${(c?.stopped ?? 0) + (c?.paused ?? 0)} stopped · ${images} image${images === 1 ? '' : 's'}`;
    cls = 'ok';
  } else {
    text = `Docker engine not reachable at ${engine.endpoint} — ${engine.error ?? ''} ${engine.hint ?? 'start it and Berth reconnects by itself.'}`;
    cls = 'bad';
  }
  return (
    <footer className="statusbar" role="status" data-testid="engine-status" data-state={engine?.status ?? 'connecting'}>
      <span className={`dot ${cls}`} aria-hidden />
      {engine && (
        <button
          className="link"
          onClick={() => void openEnginePicker().catch(() => {})}
          data-testid="engine-picker-open"
          title="Choose the Docker engine (docker contexts)"
        >
          {engineLabel(engine)}
        </button>
      )}
      {engine?.status === 'unreachable' && <EngineTrying engine={engine} />}
      {engine?.hostKey?.status === 'unknown' && (
        <button className="link" onClick={() => void askToTrust(engine)} data-testid="trust-host-key">
          Trust host key…
        </button>
      )}
      <span
        className="status-text"
        title={engine?.error ?? `${engine?.source ?? ''}. Images: each counted once however many tags it has.`}
      >
        {text}
      </span>
      {engine?.status === 'connecting' && <EngineTrying engine={engine} />}
      <KeptEngines />
      <span className="spacer" />
      <button className="link" onClick={toggle} data-testid="tasks-toggle">
        {running ? `${running} task${running > 1 ? 's' : ''} running` : 'Tasks'}
      </button>
    </footer>
  );
}
