/**
 * User settings, and what the desktop shell asks the renderer to do (open a compose file passed on the
 * command line, switch view from the menu or tray).
 */
import { z } from 'zod';
import { call, stream } from './define';
import { NoInput } from './collection';

/** unix:///path, npipe:////./pipe/name, tcp://host:port, ssh://…, or an absolute socket path; '' means automatic. */
const EngineHost = z
  .string()
  .trim()
  .max(500)
  .refine((v) => v === '' || /^(unix|npipe|tcp|ssh|http|https):\/\/./.test(v) || v.startsWith('/'), {
    message:
      'Use unix:///path/to/docker.sock, npipe:////./pipe/name, tcp://host:port, ssh://user@host or leave it empty.',
  });

/** A program name found on PATH, or an absolute path; '' means automatic. */
const Binary = z
  .string()
  .trim()
  .max(500)
  .refine((v) => !/[\n\r\0]/.test(v), { message: 'A program name or path, on one line.' });

/** A Kubernetes namespace name (RFC 1123 label). */
const Namespace = z
  .string()
  .trim()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'Lower-case letters, digits and dashes, starting and ending alphanumeric.');

/** The namespace last shown for each kubeconfig context ('' = all namespaces), restored when it is picked again. */
const KubeNamespaces = z
  .record(z.string().min(1).max(253), z.union([z.literal(''), Namespace]))
  .refine((r) => Object.keys(r).length <= 500, { message: 'At most 500 contexts are remembered.' });

export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

/** Each setting's schema, without defaults (a patch must not fill in what it did not mention). */
const SettingsFields = {
  /** Overrides where the Docker engine is (and any context); Berth reconnects when it changes. */
  engineHost: EngineHost,
  /** The docker context Berth uses; '' follows the CLI's current one. */
  engineContext: z.string().trim().max(200),
  /**
   * Docker contexts kept connected beside the one in use (say a build server): each has its own connection
   * and live lists, and its state shows in the status bar.
   */
  keptEngines: z.array(z.string().trim().min(1).max(200)).max(20),
  /** `docker` (the compose v2 plugin), `docker-compose`, or a path; '' picks whichever is installed. */
  composeBinary: Binary,
  /** `kind` or a path; '' finds it on PATH. */
  kindBinary: Binary,
  defaultNamespace: Namespace,
  kubeNamespaces: KubeNamespaces,
  theme: Theme,
  /** Publish container ports on 127.0.0.1 only (not on every interface) unless asked otherwise. */
  bindLocalhost: z.boolean(),
  /** The first-run checklist was dismissed. */
  firstRunDone: z.boolean(),
};

export const DEFAULT_SETTINGS = {
  engineHost: '',
  engineContext: '',
  keptEngines: [],
  composeBinary: '',
  kindBinary: '',
  defaultNamespace: 'default',
  kubeNamespaces: {},
  theme: 'system',
  bindLocalhost: true,
  firstRunDone: false,
} as const satisfies { [K in keyof typeof SettingsFields]: z.input<(typeof SettingsFields)[K]> };

/** The stored settings: a missing key (an older file) takes its default; unknown keys are dropped. */
export const Settings = z.object({
  engineHost: SettingsFields.engineHost.default(DEFAULT_SETTINGS.engineHost),
  engineContext: SettingsFields.engineContext.default(DEFAULT_SETTINGS.engineContext),
  keptEngines: SettingsFields.keptEngines.catch([]).default([]),
  composeBinary: SettingsFields.composeBinary.default(DEFAULT_SETTINGS.composeBinary),
  kindBinary: SettingsFields.kindBinary.default(DEFAULT_SETTINGS.kindBinary),
  defaultNamespace: SettingsFields.defaultNamespace.default(DEFAULT_SETTINGS.defaultNamespace),
  // A broken entry (a hand-edited file) costs only the remembered namespaces, not every setting.
  kubeNamespaces: SettingsFields.kubeNamespaces.catch({}).default({}),
  theme: SettingsFields.theme.default(DEFAULT_SETTINGS.theme),
  bindLocalhost: SettingsFields.bindLocalhost.default(DEFAULT_SETTINGS.bindLocalhost),
  firstRunDone: SettingsFields.firstRunDone.default(DEFAULT_SETTINGS.firstRunDone),
});
export type Settings = z.infer<typeof Settings>;
export type SettingsKey = keyof Settings;

/** What the renderer may change: any subset of the settings, each validated like the whole. */
export const SettingsPatch = z.strictObject(SettingsFields).partial();
export type SettingsPatch = z.input<typeof SettingsPatch>;

/** The settings as main sends them: every one present (no defaults, so the client's type is what it gets). */
export const SettingsValues = z.object(SettingsFields);

export const SettingsSnapshot = z.object({
  values: SettingsValues,
  /** The JSON file the settings live in. */
  file: z.string(),
  /** Settings changed since Berth started that only apply after a restart (the engine socket). */
  restartRequired: z.array(z.string()),
  /** Something the user should know about the file, e.g. it was unreadable and was reset. */
  notice: z.string().optional(),
});
export type SettingsSnapshot = z.infer<typeof SettingsSnapshot>;

/** A file the desktop shell was asked to open (second launch, file association, macOS open-file). */
export const OpenRequest = z.object({
  id: z.number(),
  kind: z.literal('compose-file'),
  path: z.string(),
});
export type OpenRequest = z.infer<typeof OpenRequest>;

/** The native menu or tray asks the renderer to show a view (a ViewName of the renderer). */
export const NavigateRequest = z.object({ view: z.string() });
export type NavigateRequest = z.infer<typeof NavigateRequest>;

export const settings = {
  get: call(NoInput, SettingsSnapshot),
  /** Changes some settings; the whole result is validated and written before it resolves. */
  update: call(SettingsPatch, SettingsSnapshot),
  /** Puts every setting back to its default. */
  reset: call(NoInput, SettingsSnapshot),
  /** The settings now and after every change. */
  watch: stream(NoInput, SettingsSnapshot),
  /**
   * Files the shell was asked to open. Requests that arrive while nobody listens are kept and delivered to
   * the next subscriber, once.
   */
  openRequests: stream(NoInput, OpenRequest),
  /** View switches asked for by the native menu or the tray. */
  navigation: stream(NoInput, NavigateRequest),
} as const;
