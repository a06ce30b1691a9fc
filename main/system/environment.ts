/**
 * The first-run environment check: is the Docker engine reachable, and which of docker, docker compose,
 * kind, kubectl and a kubeconfig are there — each with its version and what to do when it is missing.
 * Programs are looked up on PATH and run for real, with a timeout.
 */
import { homedir } from 'node:os';
import type { EngineState, EnvironmentCheck, EnvironmentReport } from '../../contract/system';
import type { Settings } from '../../contract/settings';
import { installFix, startEngineFix } from './environmentHints';
import { defaultProbeEnv, type ProbeEnv } from './environmentProbe';
import { checkCompose, checkDockerCli, checkKind, checkKubectl } from './environmentTools';
import { checkKubeconfig } from './environmentKubeconfig';

export interface EnvironmentInput {
  probe?: ProbeEnv;
  home?: string;
  settings: Pick<Settings, 'composeBinary' | 'kindBinary'>;
  /** The engine connection's state once it is settled (not 'connecting'). */
  engine: () => Promise<EngineState>;
}

export function engineCheck(
  state: EngineState,
  dockerCli: EnvironmentCheck,
  platform: NodeJS.Platform,
): EnvironmentCheck {
  const base = {
    id: 'engine' as const,
    label: 'Docker engine',
    usedFor: 'Everything: containers, images, volumes, networks, compose and kind.',
    required: true,
    path: state.endpoint,
  };
  if (state.status === 'connected') {
    return {
      ...base,
      found: true,
      status: 'ok',
      version: state.version,
      detail: `API ${state.apiVersion ?? '?'} · ${state.os ?? ''} · found via ${state.source}`,
    };
  }
  const noSocket = /ENOENT|not found/i.test(`${state.error ?? ''} ${state.source}`);
  const installed = dockerCli.found || !noSocket;
  return {
    ...base,
    found: false,
    status: installed ? 'problem' : 'missing',
    detail: `looked at ${state.endpoint} (${state.source})`,
    hint: state.error ?? 'The engine does not answer.',
    fix: installed ? startEngineFix(platform, state.error) : installFix('engine', platform),
  };
}

export async function checkEnvironment(input: EnvironmentInput): Promise<EnvironmentReport> {
  const probe = input.probe ?? defaultProbeEnv();
  const home = input.home ?? homedir();
  const [engine, docker, compose, kind, kubectl] = await Promise.all([
    input.engine(),
    checkDockerCli(probe),
    checkCompose(input.settings.composeBinary, probe),
    checkKind(input.settings.kindBinary, probe),
    checkKubectl(probe),
  ]);
  return {
    platform: probe.platform,
    checkedAt: Date.now(),
    checks: [
      engineCheck(engine, docker, probe.platform),
      docker,
      compose,
      kind,
      kubectl,
      checkKubeconfig(probe.env, probe.platform, home),
    ],
  };
}

/** Resolves with the engine's state, waiting up to `ms` while it is still connecting. */
export function settledEngineState(
  engine: { current: EngineState; onState(l: (s: EngineState) => void): () => void },
  ms = 4000,
): Promise<EngineState> {
  if (engine.current.status !== 'connecting') return Promise.resolve(engine.current);
  return new Promise((resolve) => {
    const done = (s: EngineState) => {
      clearTimeout(timer);
      off();
      resolve(s);
    };
    const off = engine.onState((s) => {
      if (s.status !== 'connecting') done(s);
    });
    const timer = setTimeout(() => done(engine.current), ms);
  });
}
