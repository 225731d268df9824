import { describe, expect, test } from 'vitest';
import { parseJsonText } from '../../../src/util/json-validate.js';
import { UserError } from '../../../src/errors.js';
import { findJsonDefect, stripBom } from '../../../src/util/strict-json.js';

describe('strict JSON: what JSON.parse lets through', () => {
  test('a duplicate key is found with its line, literal and path', () => {
    const text = '{\n  "dram": {\n    "channels": 4,\n    "channels": 2\n  }\n}';
    expect(findJsonDefect(text)).toEqual({ kind: 'duplicate key', line: 4, literal: '"channels"', jsonPath: '/dram/channels' });
  });

  test('equal keys in different objects are not duplicates', () => {
    expect(findJsonDefect('{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}]}')).toBeUndefined();
  });

  test('a key inside a string value is not a key', () => {
    expect(findJsonDefect('{"a": "\\"a\\": 1", "b": "a"}')).toBeUndefined();
  });

  test('1e400 is found at its array index; 1e308 and 1e-400 are finite', () => {
    expect(findJsonDefect('{"l": [1, 2,\n -1e400]}')).toEqual({ kind: 'non-finite number', line: 2, literal: '-1e400', jsonPath: '/l/2' });
    expect(findJsonDefect('[1e308, 1e-400]')).toBeUndefined();
  });

  test('parseJsonText names the line and literal, and keeps the path', () => {
    try {
      parseJsonText('{"a": 1,\n"a": 2}', 'x.json', 'trace');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      const u = e as UserError;
      expect(u.message).toBe('duplicate key "a" on line 2 of the trace file');
      expect(u.details).toMatchObject({ file: 'x.json', jsonPath: '/a' });
    }
  });

  test('a UTF-8 byte order mark is stripped', () => {
    expect(parseJsonText(stripBom('\ufeff{"a": 1}'), 'x.json', 'trace')).toEqual({ a: 1 });
  });
});
