/** The expose dialog's checks (`kubectl expose deployment`): a Service name, type, port and target port. Pure. */
import { ExposeInput } from '../../../contract/kubePods';

export interface ExposeForm {
  service: string;
  type: 'ClusterIP' | 'NodePort';
  port: string;
  targetPort: string;
}

export type ExposeCheck =
  { ok: true; input: ExposeInput } | { ok: false; errors: Partial<Record<keyof ExposeForm, string>> };

const num = (s: string): number | undefined => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

export function checkExposeForm(
  form: ExposeForm,
  target: { context: string; namespace: string; name: string },
): ExposeCheck {
  const raw = {
    ...target,
    service: form.service.trim() || undefined,
    type: form.type,
    port: num(form.port),
    targetPort: form.targetPort.trim() ? num(form.targetPort) : undefined,
  };
  const parsed = ExposeInput.safeParse(raw);
  if (parsed.success) return { ok: true, input: raw as ExposeInput };
  const errors: Partial<Record<keyof ExposeForm, string>> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if ((key === 'service' || key === 'port' || key === 'targetPort') && !errors[key]) errors[key] = issue.message;
  }
  if (Object.keys(errors).length === 0) errors.service = parsed.error.issues[0]?.message ?? 'Check the form.';
  return { ok: false, errors };
}
