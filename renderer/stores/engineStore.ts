/**
 * The Docker engine connection as main reports it (status bar, dashboard, empty states), every connected
 * engine (the one in use and those kept connected beside it), the docker contexts Berth can switch to or
 * keep connected (the engine picker), trusting an ssh host key the connection asked about, and "Retry now"
 * for an engine Berth is waiting to try again.
 */
import { create } from 'zustand';
import type { ApiClient } from '../../contract/api';
import type { DockerContexts, HostKeyProblem } from '../../contract/engines';
import type { ConnectedEngine, EngineState } from '../../contract/system';
import { api } from '../api';
import { follow } from './follow';

interface EngineStore {
  engine: EngineState | undefined;
  /** Every connected engine, the one in use first. */
  engines: ConnectedEngine[];
  /** The contexts as last read (the picker reads them again each time it opens). */
  contexts: DockerContexts | undefined;
  pickerOpen: boolean;
}

export const useEngine = create<EngineStore>()(() => ({
  engine: undefined,
  engines: [],
  contexts: undefined,
  pickerOpen: false,
}));

/** Follows the engine's state and every connected engine's; returns the function that stops. */
export function connectEngine(client: Pick<ApiClient, 'system'>): () => void {
  const stops = [
    follow(client.system.engine, (engine) => useEngine.setState({ engine })),
    follow(client.system.engines, ({ engines }) => useEngine.setState({ engines })),
  ];
  return () => stops.forEach((stop) => stop());
}

/** Opens the engine picker and reads the contexts afresh (a context made in a terminal meanwhile shows). */
export async function openEnginePicker(client: Pick<ApiClient, 'system'> = api): Promise<void> {
  useEngine.setState({ pickerOpen: true });
  useEngine.setState({ contexts: await client.system.contexts() });
}

export const closeEnginePicker = () => useEngine.setState({ pickerOpen: false });

/** Connects Berth to a context now; the engine state follows through its stream. */
export async function switchContext(name: string, client: Pick<ApiClient, 'system'> = api): Promise<void> {
  useEngine.setState({ contexts: await client.system.useContext({ name }) });
}

/** Keeps a context connected beside the one in use, or lets it go. */
export async function keepContext(name: string, keep: boolean, client: Pick<ApiClient, 'system'> = api): Promise<void> {
  useEngine.setState({ contexts: await client.system.keepContext({ name, keep }) });
}

/** Trusts exactly the host key that was shown; main refuses any other (and every changed key). */
export async function trustHostKey(key: HostKeyProblem, client: Pick<ApiClient, 'system'> = api): Promise<string> {
  const { file } = await client.system.trustHostKey({
    host: key.host,
    port: key.port,
    type: key.type,
    key: key.key,
    fingerprint: key.fingerprint,
  });
  return file;
}

/** "Retry now": main tries the engine in use at once; the state that follows comes through its stream. */
export async function reconnectEngine(client: Pick<ApiClient, 'system'> = api): Promise<void> {
  await client.system.reconnect();
}
