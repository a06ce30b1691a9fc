/**
 * "Run a container": image, name, command, ports, environment, mounts, restart policy, network and
 * auto-remove. Everything is checked against the contract before sending; what main finds (a port in
 * use, a missing image, a taken name) lands under the field it concerns.
 */
import { useSettings } from '../../stores/settingsStore';
import { useEffect, useState } from 'react';
import { api, isDesktop } from '../../api';
import { ApiError } from '../../../contract/apiError';
import { toApiError } from '../../common/apiError';
import type { RestartPolicy, RunResult } from '../../../contract/containers';
import { CancelSubmit } from '../../components/CancelSubmit';
import { CodeText } from '../../components/CodeText';
import { Field, SuggestInput } from '../../components/Field';
import { useDialog } from '../../components/useDialog';
import { useImages } from '../../stores/dockerStores';
import { notify } from '../../stores/toastStore';
import {
  emptyEnv,
  defaultHostIp,
  emptyForm,
  emptyMount,
  emptyPort,
  exposedPortRows,
  fieldErrorsFromDetails,
  toRunSpec,
  type FieldErrors,
  type RunForm,
} from './runForm';
import { EnvRows, FieldError, MountRows, PortRows } from './RunFormRows';
import './containers.css';

export interface RunContainerDialogProps {
  image?: string;
  open: boolean;
  onClose(): void;
  /** Called after the container started. */
  onRan?(result: RunResult): void;
}

const RESTART: Array<{ value: RestartPolicy; label: string }> = [
  { value: 'no', label: 'Never' },
  { value: 'on-failure', label: 'On failure' },
  { value: 'unless-stopped', label: 'Unless stopped' },
  { value: 'always', label: 'Always' },
];

function useImageTags(open: boolean): string[] {
  const items = useImages((s) => s.items);
  useEffect(() => (open ? useImages.getState().retain() : undefined), [open]);
  return [...items.values()].flatMap((i) => i.repoTags.filter((t) => t !== '<none>:<none>')).sort();
}

function useNetworkNames(open: boolean): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    if (!open) return;
    let live = true;
    api.networks
      .list()
      .then((list) => live && setNames(list.map((n) => n.name).sort()))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [open]);
  return names;
}

/** The ports the image in the Image field EXPOSEs, once it names an image the engine has. */
function useExposedPorts(open: boolean, image: string): { image: string; ports: string[] } | undefined {
  const [exposed, setExposed] = useState<{ image: string; ports: string[] } | undefined>();
  useEffect(() => {
    const ref = image.trim();
    if (!open || !ref) return;
    let live = true;
    const timer = setTimeout(() => {
      api.images
        .inspect({ id: ref })
        .then((detail) => live && setExposed({ image: ref, ports: detail.config.exposedPorts }))
        .catch(() => live && setExposed({ image: ref, ports: [] }));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [open, image]);
  return exposed?.image === image.trim() ? exposed : undefined;
}

export function RunContainerDialog({ image, open, onClose, onRan }: RunContainerDialogProps) {
  const [form, setForm] = useState<RunForm>(() => emptyForm(image));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const tags = useImageTags(open);
  const bindLocalhost = useSettings((st) => st.snapshot?.values.bindLocalhost ?? true);
  const networks = useNetworkNames(open);
  const exposed = useExposedPorts(open, form.image);
  /** The user changed the port rows themselves: the image's EXPOSEd ports no longer fill them. */
  const [portsEdited, setPortsEdited] = useState(false);
  // Opened for one image (Run from the Images view): its EXPOSEd ports start the list. For an image typed
  // here they are offered instead (below), so typing never rewrites rows under the user's hands.
  const prefill = Boolean(image) && exposed?.image === image?.trim() && !portsEdited;
  useEffect(() => {
    if (open && prefill && exposed)
      setForm((f) => ({ ...f, ports: exposedPortRows(exposed.ports, defaultHostIp(bindLocalhost)) }));
  }, [open, prefill, exposed, bindLocalhost]);
  const offered = exposedPortRows(exposed?.ports ?? [], defaultHostIp(bindLocalhost)).filter(
    (e) => !form.ports.some((p) => p.containerPort === e.containerPort && p.protocol === e.protocol),
  );

  const ref = useDialog(open, () => {
    setForm(emptyForm(image));
    setPortsEdited(false);
    setErrors({});
    setGeneral(undefined);
  });

  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async () => {
    setGeneral(undefined);
    const checked = toRunSpec(form);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const result = await api.containers.run(checked.spec);
      notify('success', `Started container ${result.name}`, `From ${checked.spec.image}.`, undefined, {
        link: { label: `Open ${result.name}`, view: 'containers', detail: result.id },
      });
      onRan?.(result);
      onClose();
    } catch (e) {
      const err = toApiError(e);
      const fields = fieldErrorsFromDetails(form, err.details);
      setErrors(fields);
      if (Object.keys(fields).length === 0 || err.code !== 'invalid_input') setGeneral(err);
    } finally {
      setBusy(false);
    }
  };

  const browseEnvFile = async () => {
    const picked = await api.system.pickPath({ kind: 'file', title: 'Env file' }).catch(() => undefined);
    if (picked?.path) set('envFile', picked.path);
  };

  return (
    <dialog
      ref={ref}
      className="dialog run-dialog"
      onCancel={onClose}
      data-testid="run-dialog"
      aria-labelledby="run-title"
    >
      {open && (
        <form
          method="dialog"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <h2 id="run-title">Run a container</h2>
          <div className="form-grid">
            <Field id="run-image" label="Image">
              <SuggestInput
                id="run-image"
                listId="run-image-tags"
                options={tags}
                value={form.image}
                placeholder="redis:7"
                autoFocus={!image}
                onChange={(e) => set('image', e.target.value)}
              />
              <FieldError errors={errors} path="image" />
            </Field>
            <Field id="run-name" label="Name">
              <input
                id="run-name"
                value={form.name}
                placeholder="optional, e.g. my-redis"
                autoFocus={Boolean(image)}
                onChange={(e) => set('name', e.target.value)}
              />
              <FieldError errors={errors} path="name" />
            </Field>
            <Field id="run-command" label="Command">
              <input
                id="run-command"
                className="mono"
                value={form.command}
                placeholder="optional: keeps the image's command"
                onChange={(e) => set('command', e.target.value)}
              />
              <FieldError errors={errors} path="command" />
            </Field>
            <span>Ports</span>
            <div className="run-list">
              <p className="muted small-print">
                {bindLocalhost
                  ? 'Host IP defaults to 127.0.0.1, so a published port is reachable from this machine only. Use 0.0.0.0 to open it to your network.'
                  : 'Host IP defaults to 0.0.0.0 (every interface), as set in Settings.'}{' '}
                Leave the host port empty for a free one.
              </p>
              {exposed && exposed.ports.length > 0 && (
                <p className="muted small-print" data-testid="run-exposed">
                  The image EXPOSEs {exposed.ports.join(', ')}.{' '}
                  {offered.length === 0
                    ? 'Each is published on a free host port unless you set one (remove a row to keep it unpublished).'
                    : offered.map((o) => (
                        <button
                          key={`${o.containerPort}/${o.protocol}`}
                          type="button"
                          className="small"
                          onClick={() => {
                            setPortsEdited(true);
                            set('ports', [...form.ports, o]);
                          }}
                        >
                          Publish {o.containerPort}/{o.protocol}
                        </button>
                      ))}
                </p>
              )}
              <PortRows
                rows={form.ports}
                errors={errors}
                onChange={(ports) => {
                  setPortsEdited(true);
                  set('ports', ports);
                }}
              />
              <button
                type="button"
                className="small"
                onClick={() => {
                  setPortsEdited(true);
                  set('ports', [...form.ports, emptyPort(defaultHostIp(bindLocalhost))]);
                }}
              >
                Add port
              </button>
            </div>
            <span>Environment</span>
            <div className="run-list">
              <EnvRows rows={form.env} errors={errors} onChange={(env) => set('env', env)} />
              <button type="button" className="small" onClick={() => set('env', [...form.env, emptyEnv()])}>
                Add variable
              </button>
              <div className="run-row">
                <input
                  aria-label="Env file"
                  className="grow"
                  placeholder="env file on this machine (optional), KEY=VALUE per line"
                  value={form.envFile}
                  onChange={(e) => set('envFile', e.target.value)}
                />
                {isDesktop() && (
                  <button type="button" className="small" onClick={() => void browseEnvFile()}>
                    Browse…
                  </button>
                )}
              </div>
              <FieldError errors={errors} path="envFile" />
            </div>
            <span>Volumes and mounts</span>
            <div className="run-list">
              <MountRows rows={form.mounts} errors={errors} onChange={(mounts) => set('mounts', mounts)} />
              <button type="button" className="small" onClick={() => set('mounts', [...form.mounts, emptyMount()])}>
                Add mount
              </button>
            </div>
            <Field id="run-restart" label="Restart">
              <select
                id="run-restart"
                value={form.restartPolicy}
                onChange={(e) => set('restartPolicy', e.target.value as RestartPolicy)}
              >
                {RESTART.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
              <FieldError errors={errors} path="restartPolicy" />
            </Field>
            <Field id="run-network" label="Network">
              <SuggestInput
                id="run-network"
                listId="run-networks"
                options={networks}
                value={form.network}
                placeholder="default bridge"
                onChange={(e) => set('network', e.target.value)}
              />
              <FieldError errors={errors} path="network" />
            </Field>
            <span />
            <label className="check">
              <input type="checkbox" checked={form.autoRemove} onChange={(e) => set('autoRemove', e.target.checked)} />
              Remove the container when it exits
            </label>
          </div>
          {general && (
            <div className="run-error" role="alert" data-testid="run-error">
              <strong>
                <CodeText text={general.message} />
              </strong>
              {general.hint && (
                <div className="muted">
                  <CodeText text={general.hint} />
                </div>
              )}
            </div>
          )}
          <div className="dialog-actions">
            <CancelSubmit onCancel={onClose} submit={busy ? 'Starting…' : 'Run'} disabled={busy} />
          </div>
        </form>
      )}
    </dialog>
  );
}
