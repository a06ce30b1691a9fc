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
