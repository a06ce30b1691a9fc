/**
 * The create dialog's fields as text, turned into the contract's CreateForm: KEY=value lines for data and
 * selectors, a command split on spaces, numbers checked. Errors name the field, for the form to show.
 */
import type { CreateForm } from '../../../../contract/kubeActions';

export type CreateKind = CreateForm['kind'];

export interface CreateFields {
  kind: CreateKind;
  name: string;
  image: string;
  replicas: string;
  port: string;
  targetPort: string;
  serviceType: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** KEY=value per line: ConfigMap/Secret data, or the Service's selector. */
  pairs: string;
  command: string;
}

export const emptyFields = (kind: CreateKind): CreateFields => ({
  kind,
  name: '',
  image: '',
  replicas: '1',
  port: '',
  targetPort: '',
  serviceType: 'ClusterIP',
  pairs: '',
  command: '',
});

/** KEY=value lines (blank lines skipped); the first line without "=" is the error. */
export function parsePairs(text: string): { pairs: Record<string, string> } | { error: string } {
  const pairs: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { error: `Line ${i + 1}: write KEY=value.` };
    pairs[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return { pairs };
}

const int = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

export function toCreateForm(f: CreateFields): { form: CreateForm } | { error: string } {
  const name = f.name.trim();
  switch (f.kind) {
    case 'Deployment':
      return {
        form: {
          kind: 'Deployment',
          name,
          image: f.image.trim(),
          replicas: int(f.replicas),
          ...(f.port.trim() ? { port: int(f.port) } : {}),
        },
      };
    case 'Service': {
      const selector = parsePairs(f.pairs);
      if ('error' in selector) return { error: `Selector: ${selector.error}` };
      return {
        form: {
          kind: 'Service',
          name,
          type: f.serviceType,
          selector: selector.pairs,
          port: int(f.port),
          targetPort: f.targetPort.trim() ? int(f.targetPort) : int(f.port),
        },
      };
    }
    case 'ConfigMap':
    case 'Secret': {
      const data = parsePairs(f.pairs);
      if ('error' in data) return { error: `Data: ${data.error}` };
      return { form: { kind: f.kind, name, data: data.pairs } };
    }
    case 'Job':
      return {
        form: {
          kind: 'Job',
          name,
          image: f.image.trim(),
          command: f.command.trim() ? f.command.trim().split(/\s+/) : [],
        },
      };
  }
}
