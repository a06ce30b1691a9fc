/** The build form's text fields turned into a build request, with errors per field. */
import type { BuildInput, Builder } from '../../../contract/images';

export interface BuildForm {
  context: string;
  dockerfile: string;
  tags: string;
  buildArgs: string;
  target: string;
  noCache: boolean;
  pull: boolean;
  builder: Builder;
}

export const emptyBuildForm = (): BuildForm => ({
  context: '',
  dockerfile: 'Dockerfile',
  tags: '',
  buildArgs: '',
  target: '',
  noCache: false,
  pull: false,
  builder: 'auto',
});

export type BuildFormErrors = Partial<Record<keyof BuildForm, string>>;

export function toBuildInput(form: BuildForm): { input: BuildInput } | { errors: BuildFormErrors } {
  const errors: BuildFormErrors = {};
  if (!form.context.trim()) errors.context = 'Give the folder with the Dockerfile.';
  const buildArgs: Record<string, string> = {};
  for (const raw of form.buildArgs.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const i = line.indexOf('=');
    const key = i < 0 ? line : line.slice(0, i);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      errors.buildArgs = `"${line}" is not NAME=value.`;
      continue;
    }
    buildArgs[key] = i < 0 ? '' : line.slice(i + 1);
  }
  if (Object.keys(errors).length) return { errors };
  const input: BuildInput = {
    context: form.context.trim(),
    dockerfile: form.dockerfile.trim() || 'Dockerfile',
    tags: form.tags.split(/[\s,]+/).filter(Boolean),
    buildArgs,
    noCache: form.noCache,
    pull: form.pull,
    builder: form.builder,
  };
  if (form.target.trim()) input.target = form.target.trim();
  return { input };
}
