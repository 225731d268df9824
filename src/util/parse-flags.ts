import { UserError, nearest } from '../errors.js';

/**
 * Flag values as the user typed them: every error names the flag (`--workers`),
 * quotes the text given (never NaN or a normalised value), says what is
 * expected and suggests the nearest valid value.
 */

/** Parse a comma-separated list of positive numbers given to a flag, e.g. `--fps 1,10,30`. */
export function parsePositiveList(flag: string, raw: unknown): number[] {
  const text = Array.isArray(raw) ? raw.map(String).join(',') : String(raw);
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((p) => p === '')) {
    throw new UserError(`--${flag} needs a comma-separated list of numbers, got "${text}"`, {
      jsonPath: `--${flag}`,
      expected: 'e.g. --' + flag + ' 1,10,30',
      suggestion: `remove empty entries and stray commas${parts.some((p) => p !== '') ? `: --${flag} ${parts.filter((p) => p !== '').join(',')}` : ''}`,
    });
  }
  return parts.map((p) => {
    const v = Number(p);
    if (!Number.isFinite(v)) {
      throw new UserError(`--${flag}: "${p}" is not a number`, { jsonPath: `--${flag}`, expected: 'a positive number', suggestion: `e.g. --${flag} 30` });
    }
    if (v <= 0) {
      const abs = Math.abs(v);
      throw new UserError(`--${flag}: ${p} must be positive`, { jsonPath: `--${flag}`, expected: 'a number > 0', suggestion: abs > 0 ? `did you mean --${flag} ${abs}?` : `e.g. --${flag} 30` });
    }
    return v;
  });
}

/** A whole number from `min` to `max` (default: the largest exact integer). */
export function parseInteger(flag: string, raw: unknown, min: number, max = Number.MAX_SAFE_INTEGER, why?: string): number {
  const text = String(raw).trim();
  const v = text === '' ? NaN : Number(text);
  if (!Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    const near = Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : Math.max(min, Math.min(max, 1));
    throw new UserError(`--${flag}: "${String(raw)}" is not a whole number ${range}`, {
      jsonPath: `--${flag}`,
      expected: `an integer ${range}${why !== undefined ? ` (${why})` : ''}`,
      suggestion: `${Number.isFinite(v) ? 'nearest valid value: ' : 'e.g. '}--${flag} ${near}`,
    });
  }
  return v;
}

export function parseChoice<T extends string>(flag: string, raw: unknown, choices: readonly T[]): T {
  const v = String(raw);
  if (!(choices as readonly string[]).includes(v)) {
    const near = nearest(v, choices);
    throw new UserError(`--${flag}: "${v}" is not one of ${choices.join(', ')}`, {
      jsonPath: `--${flag}`,
      expected: choices.join(' | '),
      suggestion: near !== undefined ? `did you mean --${flag} ${near}?` : `e.g. --${flag} ${choices[0] ?? ''}`,
    });
  }
  return v as T;
}
