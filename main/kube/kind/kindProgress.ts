/**
 * Reads `kind create cluster` output: status lines ` • Preparing nodes 📦  ...` (started), ` ✓ Preparing
 * nodes 📦` (done), ` ✗ Preparing nodes 📦` (failed), and the `ERROR: ...` block kind ends a failure with.
 */
import { ApiError } from '../../../contract/errors';
import { ENGINE_HINT } from '../../common/toApiError';

export interface KindStep {
  id: string;
  label: string;
  status: 'running' | 'done' | 'failed';
}

const MARKS: Record<string, KindStep['status']> = { '•': 'running', '✓': 'done', '✗': 'failed' };

/** Strips kind's emoji and the trailing "..." from a step label. */
export const cleanLabel = (text: string): string =>
  text
    .replace(/\s*\.\.\.\s*$/, '')
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

export const stepId = (label: string): string =>
  label
    .replace(/\s*\(.*\)\s*$/, '')
    .replace(/≤\s*\S+\s*/u, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The step `kind create cluster --wait` adds ("Waiting ≤ 2m0s for control-plane = Ready"). */
export const WAIT_STEP = 'waiting-for-control-plane-ready';

export function parseKindLine(line: string): KindStep | undefined {
  const m = /^\s*([•✓✗])\s+(.+)$/u.exec(line);
  if (!m) return undefined;
  const label = cleanLabel(m[2] ?? '');
  const status = MARKS[m[1] ?? ''];
  if (!label || !status) return undefined;
  // `--wait` ends with " • Ready after 12s 💚": the waiting step is done, not a new one that never ends.
  const ready = /^Ready after (\S+)$/.exec(label);
  if (ready) return { id: WAIT_STEP, label: `Control plane Ready after ${ready[1]}`, status: 'done' };
  return { id: stepId(label), label, status };
}

/** The error kind printed (`ERROR: failed to create cluster: ...`), with the command output kind quoted. */
export function kindErrorText(lines: string[]): string | undefined {
  const i = lines.findIndex((l) => l.startsWith('ERROR:'));
  if (i < 0) return undefined;
  return lines
    .slice(i)
    .filter((l) => !/^Run '.*--help' for more information/.test(l))
    .join('\n')
    .trim();
}

/** The ApiError a user sees when `kind create cluster` fails: which step, kind's own words, what to do. */
export function kindCreateError(name: string, lines: string[], code: number | null): ApiError {
  const failed = lines
    .map(parseKindLine)
    .filter((s): s is KindStep => s?.status === 'failed')
    .at(-1);
  const text = kindErrorText(lines);
  const first = (text?.split('\n')[0] ?? '').replace(/^ERROR:\s*/, '').replace(/^failed to create cluster:\s*/, '');
  const cause = /Error response from daemon:.*|docker: .*/.exec(text ?? '')?.[0];
  const where = failed ? ` at "${failed.label}"` : '';
  const message = `kind could not create cluster "${name}"${where}: ${cause ?? (first || `kind exited with code ${code}`)}`;
  const details = { step: failed?.label, output: text };
  const all = text ?? '';
  if (/already exist/i.test(all)) {
    return new ApiError(
      'conflict',
      `A kind cluster named "${name}" already exists.`,
      'Delete it first or pick another name.',
      details,
    );
  }
  if (/Cannot connect to the Docker daemon|failed to connect to the docker API|docker daemon.*running|error during connect/i.test(all)) {
    return new ApiError('engine_unreachable', message, ENGINE_HINT, details);
  }
  let hint = "Open the task log for kind's full output.";
  if (/failed to pull image|pull access denied|manifest unknown/i.test(all)) {
    hint = 'Check the node image name (e.g. kindest/node:v1.33.1) and that Docker can pull it: `docker pull <image>`.';
  } else if (/operation not permitted|unable to apply caps/i.test(all)) {
    hint =
      'kind needs privileged containers; this Docker engine (rootless, or in a restricted sandbox) does not allow them.';
  } else if (/port is already allocated|address already in use/i.test(all)) {
    hint = 'A host port mapping is taken; pick another host port.';
  }
  return new ApiError('failed', message, hint, details);
}
