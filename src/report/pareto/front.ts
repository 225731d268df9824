/**
 * The non-dominated points of a set, every objective minimized. A point
 * dominates another when it is no worse in every objective and better in at
 * least one; points with equal vectors do not dominate each other, so
 * duplicates are all kept. O(n · front size): the points are sorted
 * lexicographically, so no later point dominates an earlier one, and each is
 * checked against the front found so far only.
 */
export function paretoFront<T>(points: readonly T[], vector: (p: T) => readonly number[]): T[] {
  const items = points.map((p, i) => ({ p, v: vector(p), i }));
  items.sort((a, b) => lexicographic(a.v, b.v) || a.i - b.i);
  const front: typeof items = [];
  for (const x of items) if (!front.some((f) => dominates(f.v, x.v))) front.push(x);
  return front.map((f) => f.p);
}

/** a dominates b: no worse everywhere, better somewhere (minimizing). */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k] as number;
    const y = b[k] as number;
    if (x > y) return false;
    if (x < y) better = true;
  }
  return better;
}

function lexicographic(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) {
    const d = (a[k] as number) - (b[k] as number);
    if (d !== 0) return d;
  }
  return 0;
}
