/** The deploy dialog's form: what the user typed, checked and turned into the contract's input. */
import { DeployInput } from '../../../contract/kube';
import { checkReplicas } from './scaleInput';

export interface DeployForm {
  name: string;
  image: string;
  namespace: string;
  replicas: string;
  ports: string;
  service: 'none' | 'ClusterIP' | 'NodePort';
}

export type DeployCheck =
  { ok: true; input: DeployInput } | { ok: false; errors: Partial<Record<keyof DeployForm, string>> };

/** A deployment name from an image reference: `ghcr.io/acme/web-app:1.2` → `web-app`. */
export const nameFromImage = (image: string): string =>
  (image.split('/').pop() ?? '')
    .replace(/[:@].*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);

export function checkDeployForm(form: DeployForm, context: string): DeployCheck {
  const errors: Partial<Record<keyof DeployForm, string>> = {};
  const replicas = checkReplicas(form.replicas);
  if (!replicas.ok) errors.replicas = replicas.message;
  const ports: number[] = [];
  for (const p of form.ports.split(/[\s,]+/).filter(Boolean)) {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1 || n > 65535) errors.ports = `"${p}" is not a port (1–65535).`;
    else ports.push(n);
  }
  if (form.service !== 'none' && ports.length === 0) errors.ports = 'A service needs at least one port.';
  const candidate = {
    context,
    namespace: form.namespace.trim(),
    name: form.name.trim(),
    image: form.image.trim(),
    replicas: replicas.ok ? replicas.replicas : 0,
    ports,
    service: form.service,
  };
  const parsed = DeployInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (key === 'name' || key === 'image' || key === 'namespace') errors[key] ??= issue.message;
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, input: candidate };
}
