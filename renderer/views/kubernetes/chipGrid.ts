/**
 * The geometry of a node's pod chips when they are drawn rather than made of elements (PodCanvas): the same
 * 18 px squares with 4 px gaps, row by row, as the chips' CSS lays them out; which pod is under a point; and
 * when a lane is drawn rather than made of elements.
 */
export const CHIP = 18;
export const GAP = 4;
const STEP = CHIP + GAP;

/** A lane with more pods than this draws them on a canvas: thousands of chip elements cost every frame. */
export const DENSE_LANE = 150;
/**
 * A map of more pods than this draws every lane on a canvas, the pending lane's few included: its chips
 * come and go with every replaced pod, and each one's entrance and exit animate, restyled and relaid out
 * every frame while they run — at 10,000 churning pods, most of the page's work.
 */
export const DENSE_MAP = 1000;

/** Whether a lane of `lanePods` in a map of `mapPods` draws its chips on a canvas (PodCanvas). */
export const drawsLane = (lanePods: number, mapPods: number): boolean => lanePods > DENSE_LANE || mapPods > DENSE_MAP;

/** Chips per row in a box `width` CSS pixels wide (at least one). */
export const columnsFor = (width: number): number => Math.max(1, Math.floor((width + GAP) / STEP));

/** The height in CSS pixels of `count` chips laid out in `columns` per row. */
export const heightFor = (count: number, columns: number): number =>
  count === 0 ? 0 : Math.ceil(count / columns) * STEP - GAP;

/** The top-left corner of chip `index`. */
export const chipAt = (index: number, columns: number): { x: number; y: number } => ({
  x: (index % columns) * STEP,
  y: Math.floor(index / columns) * STEP,
});

/** The index of the chip under (x, y) (CSS pixels from the box's corner), or -1 in a gap or past the end. */
export function chipIndexAt(x: number, y: number, columns: number, count: number): number {
  if (x < 0 || y < 0) return -1;
  const column = Math.floor(x / STEP);
  const row = Math.floor(y / STEP);
  if (column >= columns || x - column * STEP >= CHIP || y - row * STEP >= CHIP) return -1;
  const index = row * columns + column;
  return index < count ? index : -1;
}
