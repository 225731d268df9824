import seedrandom from 'seedrandom';

/**
 * Seeded random streams. Each stream is derived from the run's seed and the
 * component's path, so adding a component does not shift another one's draws.
 */
export interface RandomStream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
}

export function randomStream(seed: number | string, path: string): RandomStream {
  const rng = seedrandom(`${seed}/${path}`);
  let spare: number | undefined;
  return {
    next: () => rng.quick(),
    int: (n: number) => Math.floor(rng.quick() * n),
    normal: () => {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = rng.double();
      const v = rng.double();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}
