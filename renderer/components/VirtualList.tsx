/**
 * A virtualised list of items of different heights (cards): only those on screen are in the DOM, each
 * measured once it renders. It scrolls with the element around it (`scrollRef`), which may hold other
 * content above the list; the list follows that content's height as it changes.
 */
import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface VirtualListProps<T> {
  items: readonly T[];
  itemKey(item: T): string;
  /** A first guess of an item's height in px, before it is measured. */
  estimate(item: T): number;
  render(item: T): ReactNode;
  /** The scrolling element the list is in. */
  scrollRef: RefObject<HTMLElement | null>;
  /** Space between items, px. */
  gap?: number;
  testId?: string;
  className?: string;
}

/** Where the list starts inside its scrolling element, followed as what is above it grows, shrinks, comes or goes. */
function useOffsetIn(list: RefObject<HTMLElement | null>, scroller: RefObject<HTMLElement | null>): number {
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const el = list.current;
    const around = scroller.current;
    if (!el || !around) return;
    const measure = () =>
      setOffset(el.getBoundingClientRect().top - around.getBoundingClientRect().top + around.scrollTop);
    const resized = new ResizeObserver(measure);
    const observeChildren = () => {
      resized.disconnect();
      for (const child of around.children) if (child !== el) resized.observe(child);
      measure();
    };
    const added = new MutationObserver(observeChildren);
    added.observe(around, { childList: true });
    observeChildren();
    return () => {
      resized.disconnect();
      added.disconnect();
    };
  }, [list, scroller]);
  return offset;
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, itemKey, estimate } = props;
  const list = useRef<HTMLDivElement>(null);
  const offset = useOffsetIn(list, props.scrollRef);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => props.scrollRef.current,
    estimateSize: (i) => estimate(items[i] as T),
    getItemKey: (i) => itemKey(items[i] as T),
    scrollMargin: offset,
    gap: props.gap ?? 0,
    overscan: 3,
  });
  return (
    <div
      ref={list}
      className={props.className}
      data-testid={props.testId}
      data-items={items.length}
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
    >
      {virtualizer.getVirtualItems().map((v) => (
        <div
          key={v.key}
          data-index={v.index}
          ref={virtualizer.measureElement}
          style={{
            position: 'absolute',
            top: 0,
            left: 0,
            width: '100%',
            transform: `translateY(${v.start - offset}px)`,
          }}
        >
          {props.render(items[v.index] as T)}
        </div>
      ))}
    </div>
  );
}
