import { UserError } from '../errors.js';

/** Parse a comma-separated list of positive numbers given to a flag, e.g. `--fps 1,10,30`. */
export function parsePositiveList(flag: string, raw: unknown): number[] {
  const text = Array.isArray(raw) ? raw.map(String).join(',') : String(raw);
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((p) => p === '')) {
    throw new UserError(`--${flag} needs a comma-separated list of numbers, got "${text}"`, {
      expected: 'e.g. --' + flag + ' 1,10,30',
      suggestion: 'remove empty entries and stray commas',
    });
  }
  return parts.map((p) => {
    const v = Number(p);
    if (!Number.isFinite(v)) {
      throw new UserError(`--${flag}: "${p}" is not a number`, { expected: 'a positive number', suggestion: `e.g. --${flag} 30` });
    }
    if (v <= 0) {
      throw new UserError(`--${flag}: ${p} must be positive`, { expected: 'a number > 0', suggestion: `e.g. --${flag} 30` });
    }
    return v;
  });
}

/** A whole number of at least `min`. */
export function parseInteger(flag: string, raw: unknown, min: number): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) {
    throw new UserError(`--${flag}: "${String(raw)}" is not a whole number >= ${min}`, {
      expected: `an integer >= ${min}`,
      suggestion: `e.g. --${flag} ${Math.max(min, 1)}`,
    });
  }
  return v;
}

export function parseChoice<T extends string>(flag: string, raw: unknown, choices: readonly T[]): T {
  const v = String(raw);
  if (!(choices as readonly string[]).includes(v)) {
    throw new UserError(`--${flag}: "${v}" is not one of ${choices.join(', ')}`, {
      expected: choices.join(' | '),
      suggestion: `e.g. --${flag} ${choices[0] ?? ''}`,
    });
  }
  return v as T;
}
