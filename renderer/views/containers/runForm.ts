/**
 * The Run dialog's form: what the user typed (all strings), turned into a RunSpec and checked against the
 * contract's own schema before anything is sent, so the dialog and main agree on every rule. Errors are
 * keyed by the field's path in the spec (`name`, `ports.0.hostPort`, ...).
 */
import { RunSpec, type RestartPolicy } from '../../../contract/containers';
import { splitShellWords } from './shellWords';

export interface PortRow {
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: 'tcp' | 'udp';
}
export interface EnvRow {
  name: string;
  value: string;
}
export interface MountRow {
  type: 'volume' | 'bind';
  source: string;
  target: string;
  readOnly: boolean;
}

export interface RunForm {
  image: string;
  name: string;
  command: string;
  ports: PortRow[];
  env: EnvRow[];
  envFile: string;
  mounts: MountRow[];
  restartPolicy: RestartPolicy;
  network: string;
  autoRemove: boolean;
}

export const DEFAULT_HOST_IP = '127.0.0.1';

/** The host IP a new port row starts with: loopback unless the user turned "bind to 127.0.0.1" off. */
export const defaultHostIp = (bindLocalhost: boolean): string => (bindLocalhost ? DEFAULT_HOST_IP : '0.0.0.0');

export const emptyPort = (hostIp = DEFAULT_HOST_IP): PortRow => ({
  hostIp,
  hostPort: '',
  containerPort: '',
  protocol: 'tcp',
});
export const emptyEnv = (): EnvRow => ({ name: '', value: '' });
export const emptyMount = (): MountRow => ({ type: 'volume', source: '', target: '', readOnly: false });

export const emptyForm = (image = ''): RunForm => ({
  image,
  name: '',
  command: '',
  ports: [],
  env: [],
  envFile: '',
  mounts: [],
  restartPolicy: 'no',
  network: '',
  autoRemove: false,
});

export type FieldErrors = Record<string, string>;

/** A number field: empty is "not given", anything else must parse (NaN makes the schema complain). */
const portNumber = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.trim()));

export function toRunSpec(form: RunForm): { spec: RunSpec } | { errors: FieldErrors } {
  const command = splitShellWords(form.command);
  if ('error' in command) return { errors: { command: command.error } };
  const spec: RunSpec = {
    image: form.image.trim(),
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    command: command.words,
    ports: form.ports
      .filter((p) => p.hostPort.trim() || p.containerPort.trim())
      .map((p) => ({
        hostIp: p.hostIp.trim() || DEFAULT_HOST_IP,
        hostPort: portNumber(p.hostPort),
        containerPort: portNumber(p.containerPort) ?? Number.NaN,
        protocol: p.protocol,
      })),
    env: form.env.filter((e) => e.name.trim() || e.value).map((e) => ({ name: e.name.trim(), value: e.value })),
    ...(form.envFile.trim() ? { envFile: form.envFile.trim() } : {}),
    mounts: form.mounts
      .filter((m) => m.source.trim() || m.target.trim())
      .map((m) => ({ type: m.type, source: m.source.trim(), target: m.target.trim(), readOnly: m.readOnly })),
    restartPolicy: form.restartPolicy,
    ...(form.network.trim() ? { network: form.network.trim() } : {}),
    autoRemove: form.autoRemove,
  };
  const checked = RunSpec.safeParse(spec);
  if (checked.success) return { spec };
  const errors: FieldErrors = {};
  for (const issue of checked.error.issues) {
    errors[specPathToFormPath(form, issue.path.map(String).join('.'))] ??= issue.message;
  }
  return { errors };
}

/**
 * Rows with blank lines dropped shift indexes; this maps a spec path (ports.1.hostPort) back to the form
 * row it came from, so the message lands under the right input.
 */
export function specPathToFormPath(form: RunForm, path: string): string {
  const [list, index, ...rest] = path.split('.');
  if ((list !== 'ports' && list !== 'env' && list !== 'mounts') || index === undefined) return path;
  const rows: Array<PortRow | EnvRow | MountRow> = form[list];
  const kept = rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) =>
      'containerPort' in r
        ? r.hostPort.trim() || r.containerPort.trim()
        : 'target' in r
          ? r.source.trim() || r.target.trim()
          : r.name.trim() || r.value,
    );
  const original = kept[Number(index)]?.i ?? Number(index);
  return [list, String(original), ...rest].join('.');
}

/** Server errors carry `details: [{ path, message }]`; pick those out for the form. */
export function fieldErrorsFromDetails(form: RunForm, details: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!Array.isArray(details)) return out;
  for (const d of details as unknown[]) {
    const item = d as { path?: unknown; message?: unknown } | null;
    if (item && typeof item.path === 'string' && typeof item.message === 'string') {
      out[specPathToFormPath(form, item.path)] ??= item.message;
    }
  }
  return out;
}

/** Port rows for what an image EXPOSEs ("5000/tcp"): published on a free host port at `hostIp`. */
export function exposedPortRows(exposed: string[], hostIp: string): PortRow[] {
  return exposed.flatMap((spec) => {
    const [port, proto = 'tcp'] = spec.split('/');
    if (!port || !/^\d+$/.test(port) || (proto !== 'tcp' && proto !== 'udp')) return [];
    return [{ hostIp, hostPort: '', containerPort: port, protocol: proto }];
  });
}
