/**
 * The columns of a table that fit its width, followed as it changes (a side panel opening, the window
 * resized): the width is read once the table is laid out and on each resize, and the table renders again
 * only when the width changes which columns fit (fitColumns.ts), so a first paint wide enough for every
 * column renders once, not twice.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { fitColumns, type FitColumn } from './fitColumns';

interface Fit<C> {
  columns: C[];
  extra: number;
  fitted: C[];
}

/** Sets the width the columns are fitted to when `width` fits other columns than those shown. */
function refitIfChanged<C extends FitColumn>(fit: Fit<C>, width: number | undefined, setWidth: (w?: number) => void) {
  const shown = fitColumns(fit.columns, width, fit.extra);
  if (shown.length !== fit.fitted.length || shown.some((c, i) => c !== fit.fitted[i])) setWidth(width);
}

export function useFittedColumns<C extends FitColumn>(
  ref: React.RefObject<HTMLElement | null>,
  columns: C[],
  extra: number,
): C[] {
  // The width the columns were last fitted to, and the width last measured.
  const [fitWidth, setFitWidth] = useState<number | undefined>();
  const measured = useRef<number | undefined>(undefined);
  const fitted = useMemo(() => fitColumns(columns, fitWidth, extra), [columns, fitWidth, extra]);
  const latest = useRef<Fit<C>>({ columns, extra, fitted });
  useLayoutEffect(() => {
    latest.current = { columns, extra, fitted };
    // New columns are fitted to the width last measured.
    refitIfChanged(latest.current, measured.current, setFitWidth);
  }, [columns, extra, fitted]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      measured.current = el.clientWidth;
      refitIfChanged(latest.current, measured.current, setFitWidth);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return fitted;
}
