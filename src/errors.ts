/**
 * An error in the user's input: a config, a trace, a flag. The CLI prints it
 * without a stack trace and exits with code 2.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly details: {
      /** The file at fault, when there is one. */
      file?: string;
      /** JSON path inside the file, e.g. `/nvdla/clock_GHz`. */
      jsonPath?: string;
      /** What was expected. */
      expected?: string;
      /** A suggestion: the nearest key or value, or what to do. */
      suggestion?: string;
    } = {},
  ) {
    super(message);
    this.name = 'UserError';
  }

  format(): string {
    const d = this.details;
    const lines = [`error: ${this.message}`];
    if (d.file !== undefined) lines.push(`  file: ${d.file}`);
    if (d.jsonPath !== undefined) lines.push(`  at: ${d.jsonPath === '' ? '/' : d.jsonPath}`);
    if (d.expected !== undefined) lines.push(`  expected: ${d.expected}`);
    if (d.suggestion !== undefined) lines.push(`  suggestion: ${d.suggestion}`);
    return lines.join('\n');
  }
}

/** An infeasible configuration is a result with a reason, not an error and never a number. */
export interface Infeasible {
  feasible: false;
  reason: string;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[n] ?? 0;
}

/** The candidate nearest to `word`, or undefined when none is reasonably close. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 2)) ? best : undefined;
}
