/** One problem in the user's input, as the CLI prints it. */
export interface ProblemDetails {
  /** The file at fault, when there is one. */
  file?: string;
  /** JSON path inside the file, e.g. `/nvdla/clock_GHz`, or the flag, e.g. `--fps`. */
  jsonPath?: string;
  /** What was expected. */
  expected?: string;
  /** A suggestion: the nearest key or value, or what to do. */
  suggestion?: string;
}

/** Further problems found in the same file (schema validation reports them all at once). */
export interface MoreProblems {
  /**
   * The JSON path of the first problem when these were found. Code that
   * re-throws an error with its path under a prefix (a sub-document validated
   * on its own) leaves this unchanged, so `format` can prefix the others alike.
   */
  basePath: string;
  problems: ({ message: string } & Omit<ProblemDetails, 'file'>)[];
  /** Problems found but not listed, to keep the message readable. */
  omitted: number;
}

/**
 * An error in the user's input: a config, a trace, a flag. The CLI prints it
 * without a stack trace and exits with code 2.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly details: ProblemDetails & { more?: MoreProblems } = {},
  ) {
    super(message);
    this.name = 'UserError';
  }

  /** The same error naming `file`, unless it names a file already. */
  inFile(file: string): UserError {
    return this.details.file !== undefined ? this : new UserError(this.message, { ...this.details, file });
  }

  format(): string {
    const d = this.details;
    const blocks = [problemLines(this.message, d)];
    const more = d.more;
    if (more !== undefined) {
      // A re-thrown error may have put the first problem's path under a prefix; the others move with it.
      const first = d.jsonPath ?? '';
      const prefix = more.basePath !== '' && first.endsWith(more.basePath) ? first.slice(0, first.length - more.basePath.length) : '';
      for (const p of more.problems) {
        blocks.push(problemLines(p.message, { ...p, file: d.file, jsonPath: p.jsonPath === undefined ? undefined : `${prefix}${p.jsonPath}` }));
      }
      const total = 1 + more.problems.length + more.omitted;
      const tail = more.omitted > 0 ? `, ${more.omitted} more not shown: fix these and run again` : '';
      blocks.push(`${total} problems${d.file !== undefined ? ` in ${d.file}` : ''}${tail}`);
    }
    return blocks.join('\n');
  }
}

function problemLines(message: string, d: ProblemDetails): string {
  const lines = [`error: ${message}`];
  if (d.file !== undefined) lines.push(`  file: ${d.file}`);
  if (d.jsonPath !== undefined) lines.push(`  at: ${d.jsonPath === '' ? '/' : d.jsonPath}`);
  if (d.expected !== undefined) lines.push(`  expected: ${d.expected}`);
  if (d.suggestion !== undefined) lines.push(`  suggestion: ${d.suggestion}`);
  return lines.join('\n');
}

/** An infeasible configuration is a result with a reason, not an error and never a number. */
export interface Infeasible {
  feasible: false;
  reason: string;
}

/** Levenshtein distance, for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
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

/**
 * The candidate nearest to `word`, or undefined when none is reasonably close.
 * Close means a small edit distance; failing that, a word that spells a
 * candidate out ("convolution" for "conv", "fully_connected" for "fc"), when
 * exactly one candidate fits.
 */
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
  if (best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 2))) return best;
  const spelled = candidates.filter((c) => spellsOut(word, c));
  return spelled.length === 1 ? spelled[0] : undefined;
}

/** `word` is `short` written longer: it starts with it ("pooling", "pool") or its initials are it ("fully-connected", "fc"). */
function spellsOut(word: string, short: string): boolean {
  const w = word.toLowerCase();
  const s = short.toLowerCase();
  if (s.length < 2 || w.length <= s.length) return false;
  if (w.startsWith(s)) return true;
  const initials = word
    .split(/[-_\s]+|(?<=[a-z])(?=[A-Z])/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toLowerCase())
    .join('');
  return initials.length > 1 && initials === s;
}
