/**
 * The lines of a log session the renderer holds: pages of PAGE_LINES lines fetched from main on demand
 * (`logs.read`), at most MAX_PAGES of them, the least recently used dropped first — so a log of any length
 * costs the same memory here. A page that was short (the end of a followed log) is fetched again once the
 * log has grown past it — also when it grew while that page was being read, which no repaint would ask for
 * again (the view asks when the count or the rows in view change, and the count came before the page). A
 * page is read again only when the count grew since its read began, so a log whose reads stay short of its
 * count (a capped spool) is not read in a loop.
 */
import type { SessionLine } from '../../../contract/logs';

export const PAGE_LINES = 250;
const MAX_PAGES = 40;

type Reader = (from: number, to: number) => Promise<SessionLine[]>;

export class LineWindow {
  private readonly pages = new Map<number, SessionLine[]>();
  private readonly loading = new Set<number>();
  private count = 0;
  /** Bumped when the held pages are dropped: a read begun before lands nowhere. */
  private generation = 0;

  constructor(
    private readonly read: Reader,
    /** Called when a page arrived (repaint). */
    private readonly onLoad: () => void,
  ) {}

  /** The log grew (or shrank to 0 when reopened): pages cut short by the old end are fetched again. */
  setCount(count: number): void {
    if (count < this.count) this.drop();
    this.count = count;
  }

  get(n: number): SessionLine | undefined {
    const page = this.pages.get(Math.floor(n / PAGE_LINES));
    return page?.[n % PAGE_LINES];
  }

  /** Makes sure lines [from, to) are (being) fetched. */
  want(from: number, to: number): void {
    const last = Math.min(to, this.count) - 1;
    for (let p = Math.floor(Math.max(0, from) / PAGE_LINES); p <= Math.floor(last / PAGE_LINES); p++) {
      const page = this.pages.get(p);
      const full = Math.min(PAGE_LINES, this.count - p * PAGE_LINES);
      if (page && page.length >= full) {
        // Most recently used last.
        this.pages.delete(p);
        this.pages.set(p, page);
        continue;
      }
      if (this.loading.has(p)) continue;
      this.fetch(p);
    }
  }

  clear(): void {
    this.drop();
    this.count = 0;
  }

  private drop(): void {
    this.pages.clear();
    this.loading.clear();
    this.generation++;
  }

  private fetch(p: number): void {
    const generation = this.generation;
    const countBefore = this.count;
    let grewPast = false;
    this.loading.add(p);
    void this.read(p * PAGE_LINES, (p + 1) * PAGE_LINES)
      .then((lines) => {
        if (generation !== this.generation) return;
        this.pages.delete(p);
        this.pages.set(p, lines);
        while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value as number);
        grewPast = this.count > countBefore && lines.length < Math.min(PAGE_LINES, this.count - p * PAGE_LINES);
        this.onLoad();
      })
      .catch(() => {})
      .finally(() => {
        if (generation !== this.generation) return;
        this.loading.delete(p);
        if (grewPast) this.fetch(p);
      });
  }

  /** Pages held (for tests: the bound). */
  get size(): number {
    return this.pages.size;
  }
}
