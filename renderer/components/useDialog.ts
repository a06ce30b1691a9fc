/** Opens and closes a <dialog> element as `open` changes; returns its ref. */
import { useEffect, useRef } from 'react';

export function useDialog(open: boolean, onOpen?: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const opened = useRef(onOpen);
  opened.current = onOpen;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opened.current?.();
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);
  return ref;
}
