/**
 * JSON.parse silently takes the last of two equal keys and turns a number too
 * large for a double (1e400) into Infinity, which later prints as `null` or
 * `-`. This scan, run on text JSON.parse has already accepted, finds both and
 * names the line and the literal. A leading UTF-8 byte order mark, which some
 * editors write, is stripped by `stripBom` before parsing.
 */

export interface JsonDefect {
  kind: 'duplicate key' | 'non-finite number';
  /** 1-based line of the literal. */
  line: number;
  /** The literal as written: the key in quotes, or the number. */
  literal: string;
  /** JSON Pointer of the object holding the key, or of the number. */
  jsonPath: string;
}

/** The text without a leading U+FEFF (a UTF-8 byte order mark, decoded). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

interface Frame {
  keys: Set<string> | undefined; // undefined: an array
  path: string;
  index: number;
  key: string | undefined; // the key whose value comes next
}

const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The first duplicate key or non-finite number of valid JSON `text`, or undefined. */
export function findJsonDefect(text: string): JsonDefect | undefined {
  const stack: Frame[] = [];
  let line = 1;
  const valuePath = (): string => {
    const top = stack[stack.length - 1];
    if (top === undefined) return '';
    return top.keys === undefined ? `${top.path}/${top.index}` : `${top.path}/${escapePointer(top.key ?? '')}`;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    else if (ch === '{' || ch === '[') {
      stack.push({ keys: ch === '{' ? new Set() : undefined, path: valuePath(), index: 0, key: undefined });
    } else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top !== undefined) top.index++;
    } else if (ch === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      const literal = text.slice(start, i + 1);
      const top = stack[stack.length - 1];
      // A string is a key when a colon follows it.
      let j = i + 1;
      while (/\s/.test(text[j] ?? '')) j++;
      if (top?.keys !== undefined && text[j] === ':') {
        const key = JSON.parse(literal) as string;
        if (top.keys.has(key)) return { kind: 'duplicate key', line, literal, jsonPath: `${top.path}/${escapePointer(key)}` };
        top.keys.add(key);
        top.key = key;
      }
    } else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      const literal = m?.[0] ?? ch;
      if (!Number.isFinite(Number(literal))) return { kind: 'non-finite number', line, literal, jsonPath: valuePath() };
      i += literal.length - 1;
    }
  }
  return undefined;
}
