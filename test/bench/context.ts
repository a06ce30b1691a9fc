/** What every measurement gets from the runner. */
import type { Browser } from 'playwright-core';
import type { BenchConfig } from './config';
import type { BridgeProcess } from './bridge';
import type { BenchClient } from './clients';

export interface BenchContext {
  config: BenchConfig;
  bridge: BridgeProcess;
  /** Berth's client over the bridge's WebSocket. */
  ws: BenchClient;
  /** Berth's client over an in-process router. */
  router: BenchClient;
  browser: Browser;
  log(message: string): void;
  /** Figures one measurement leaves for a later one (e.g. list latency for the poll baseline). */
  shared: Map<string, number[]>;
}
