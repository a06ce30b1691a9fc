/** Checks a replica count typed by the user, with the same rules main's schema enforces. */
import { Replicas } from '../../../contract/kube';

/** Above this the UI asks before scaling. */
export const CONFIRM_ABOVE = 100;

export type ReplicaCheck = { ok: true; replicas: number; needsConfirm: boolean } | { ok: false; message: string };

export function checkReplicas(raw: string | number): ReplicaCheck {
  const text = String(raw).trim();
  if (text === '') return { ok: false, message: 'Enter a number of replicas.' };
  if (!/^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(text)) return { ok: false, message: 'Replicas must be a number.' };
  const parsed = Replicas.safeParse(Number(text));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'Invalid replica count.' };
  return { ok: true, replicas: parsed.data, needsConfirm: parsed.data > CONFIRM_ABOVE };
}

/** The ranges the replicas slider offers: 0 to one of these. */
export const SLIDER_MAXIMA = [10, 20, 50, 100, 200, 500, 1000] as const;

/** The slider's range for a deployment with `replicas`: the smallest offered maximum above them, with room. */
export function sliderMaxFor(replicas: number): number {
  return SLIDER_MAXIMA.find((m) => m >= replicas * 1.5 && m >= 10) ?? Math.ceil((replicas * 1.5) / 1000) * 1000;
}
