import { describe, expect, it } from 'vitest';
import { grouped, thousands } from '../../../src/util/format.js';

describe('thousands: digit grouping without a locale formatter for whole numbers', () => {
  it('groups by three from the right', () => {
    expect(thousands(0)).toBe('0');
    expect(thousands(999)).toBe('999');
    expect(thousands(1000)).toBe('1,000');
    expect(thousands(1_000_000)).toBe('1,000,000');
    expect(thousands(4_089_184_256)).toBe('4,089,184,256');
    expect(thousands(-12_345)).toBe('-12,345');
  });
  it('keeps three fraction digits, as en-US does', () => {
    expect(thousands(0.12345)).toBe('0.123');
    expect(thousands(1234.5)).toBe('1,234.5');
  });
  it('gives the text of toLocaleString("en-US") for every kind of number', () => {
    for (const n of [0, -0, 7, 12, 123, 1234, 99_999, 100_000, 2 ** 31, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e21, 2.5e-7, -3.14159, 1e6 + 0.5]) {
      expect(thousands(n), String(n)).toBe(n.toLocaleString('en-US'));
    }
  });
  it('grouped rounds first', () => {
    expect(grouped(1234.6)).toBe('1,235');
  });
});
