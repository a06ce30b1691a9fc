/**
 * A node's pods drawn on one canvas instead of one element each, for lanes past DENSE_LANE pods (kwok nodes
 * hold 500): the same chips, colours and order, so the map looks the same, but a change redraws one canvas
 * rather than restyling and laying out thousands of elements. The pointer works as on chips: hover names
 * the pod, a click opens it, a right click opens its menu. Screen readers get the lane's counts; each pod
 * is reachable in the Pods table. A canvas out of view is not drawn (its lane's box is not painted there
 * either: content-visibility): it is drawn when it comes near the viewport, so 10,000 churning pods on 50
 * nodes cost the few lanes on screen, not all of them (drawing was the map's largest cost under churn).
 */
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KubePod } from '../../../contract/kube';
import { CHIP, chipAt, chipIndexAt, columnsFor, heightFor } from './chipGrid';
import { countPhases, phaseClass, podLabel } from './podLayout';

/** The phase colours the chips' CSS defines (--phase-*), read once each. */
const palette = new Map<KubePod['display'], string>();
function colourOf(display: KubePod['display']): string {
  let colour = palette.get(display);
  if (colour === undefined) {
    const value = getComputedStyle(document.documentElement)
      .getPropertyValue(`--${phaseClass(display)}`)
      .trim();
    palette.set(display, (colour = value || '#78716c'));
  }
  return colour;
}

/** Draws the chips: one path per colour and opacity, so a redraw is a few fills however many pods. */
function draw(canvas: HTMLCanvasElement, pods: KubePod[], leaving: ReadonlySet<string>, width: number) {
  const columns = columnsFor(width);
  const height = heightFor(pods.length, columns);
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  // Setting a canvas's size reallocates it: only when it changed.
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const g = canvas.getContext('2d');
  if (!g) return;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const paths = new Map<string, { display: KubePod['display']; fading: boolean; path: Path2D }>();
  pods.forEach((pod, i) => {
    const fading = leaving.has(pod.id);
    const key = `${pod.display} ${fading}`;
    let group = paths.get(key);
    if (!group) paths.set(key, (group = { display: pod.display, fading, path: new Path2D() }));
    const { x, y } = chipAt(i, columns);
    group.path.roundRect(x + 0.5, y + 0.5, CHIP - 1, CHIP - 1, 4);
  });
  g.lineWidth = 1;
  g.strokeStyle = 'rgba(0, 0, 0, 0.15)';
  for (const { display, fading, path } of paths.values()) {
    g.globalAlpha = fading ? 0.3 : 1;
    g.fillStyle = colourOf(display);
    g.fill(path);
    g.stroke(path);
    if (display === 'Terminating') {
      // The chips' stripes: diagonal lines, clipped to those chips.
      g.save();
      g.clip(path);
      g.strokeStyle = 'rgba(255, 255, 255, 0.5)';
      g.lineWidth = 2;
      g.beginPath();
      for (let d = -height; d < width; d += 7) {
        g.moveTo(d, height);
        g.lineTo(d + height, 0);
      }
      g.stroke();
      g.restore();
    }
  }
  g.globalAlpha = 1;
}

/** "200 pods: 180 Running, 20 Pending". */
function summary(pods: KubePod[]): string {
  return `${pods.length} pods: ${[...countPhases(pods)].map(([phase, n]) => `${n} ${phase}`).join(', ')}`;
}

export const PodCanvas = memo(function PodCanvas({
  node,
  pods,
  leaving,
  onOpen,
  onMenu,
}: {
  node: string;
  pods: KubePod[];
  leaving: ReadonlySet<string>;
  onOpen(id: string): void;
  onMenu(id: string, x: number, y: number): void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const box = ref.current?.parentElement;
    if (!box) return;
    setWidth(box.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  /** Whether the canvas is on screen or near it: only then is it drawn. */
  const [near, setNear] = useState(false);
  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const observer = new IntersectionObserver(([entry]) => setNear(entry?.isIntersecting ?? false), {
      rootMargin: '300px 0px',
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    if (near && ref.current && width > 0) draw(ref.current, pods, leaving, width);
  }, [near, pods, leaving, width]);

  const columns = columnsFor(width);
  const podAt = (e: { clientX: number; clientY: number }): KubePod | undefined => {
    const rect = ref.current?.getBoundingClientRect();
    if (!rect) return undefined;
    return pods[chipIndexAt(e.clientX - rect.left, e.clientY - rect.top, columns, pods.length)];
  };
  const running = pods.filter((p) => p.display === 'Running' && !leaving.has(p.id)).length;
  return (
    <canvas
      ref={ref}
      className="pod-canvas"
      data-testid="pod-canvas"
      data-node={node}
      data-pods={pods.length}
      data-running={running}
      role="img"
      aria-label={`${summary(pods)} (each one is listed under Resources → Pods)`}
      style={{ width: '100%', height: heightFor(pods.length, columns) }}
      onMouseMove={(e) => {
        const pod = podAt(e);
        e.currentTarget.title = pod ? podLabel(pod) : '';
        e.currentTarget.style.cursor = pod ? 'pointer' : 'default';
      }}
      onClick={(e) => {
        const pod = podAt(e);
        if (pod && !leaving.has(pod.id)) onOpen(pod.id);
      }}
      onContextMenu={(e) => {
        const pod = podAt(e);
        if (!pod || leaving.has(pod.id)) return;
        e.preventDefault();
        onMenu(pod.id, e.clientX, e.clientY);
      }}
    />
  );
});
