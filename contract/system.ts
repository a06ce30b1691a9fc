import { z } from 'zod';
import { call, stream } from './define';
import { NoInput } from './collection';

export const EngineState = z.object({
  status: z.enum(['connecting', 'connected', 'unreachable']),
  /** Where Berth looks for the engine, e.g. unix:///var/run/docker.sock, and how it found it. */
  endpoint: z.string(),
  source: z.string(),
  version: z.string().optional(),
  apiVersion: z.string().optional(),
  os: z.string().optional(),
  containers: z.object({ running: z.number(), paused: z.number(), stopped: z.number() }).optional(),
  images: z.number().optional(),
  error: z.string().optional(),
  hint: z.string().optional(),
});
export type EngineState = z.infer<typeof EngineState>;

export const AppInfo = z.object({
  version: z.string(),
  platform: z.string(),
  /** 'desktop' in Electron, 'web' through the loopback browser bridge. */
  shell: z.enum(['desktop', 'web']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const PickPathInput = z.object({
  kind: z.enum(['file', 'folder']),
  title: z.string().max(200).optional(),
  filters: z.array(z.object({ name: z.string(), extensions: z.array(z.string()) })).optional(),
});

export const system = {
  info: call(NoInput, AppInfo),
  /** The engine connection, pushed whenever it changes (connect, drop, reconnect, counts). */
  engine: stream(NoInput, EngineState),
  /** Opens an http(s) URL in the user's browser. Anything else is refused. */
  openExternal: call(z.object({ url: z.url({ protocol: /^https?$/ }) }), z.object({ opened: z.boolean() })),
  /** A native file/folder picker; null when the user cancelled or the shell has none (web). */
  pickPath: call(PickPathInput, z.object({ path: z.string().nullable() })),
} as const;
