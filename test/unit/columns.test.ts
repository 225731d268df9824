import { describe, expect, it } from 'vitest';
import { columnOf, splitUnit, table } from '../../src/util/columns.js';

describe('the naming rule of output columns', () => {
  it('splits a unit suffix only when it is a unit', () => {
    expect(splitUnit('energyByComponent_J')).toEqual({ name: 'energyByComponent', unit: 'J' });
    expect(splitUnit('area_mm2')).toEqual({ name: 'area', unit: 'mm2' });
    expect(splitUnit('cbuf_read')).toEqual({ name: 'cbuf_read' });
    expect(splitUnit('macUtilization')).toEqual({ name: 'macUtilization' });
  });
  it('joins a JSON path in camelCase with the innermost unit at the end', () => {
    expect(columnOf(['macUtilization'])).toBe('macUtilization');
    expect(columnOf(['energyByTerm_J', 'nvdla', 'cbuf_read'])).toBe('energyByTermNvdlaCbufRead_J');
    expect(columnOf(['residency_s', 'dram', 'self_refresh'])).toBe('residencyDramSelfRefresh_s');
    expect(columnOf(['stats', 'memoryPort', 'portBusy_s'])).toBe('statsMemoryPortPortBusy_s');
    expect(columnOf(['stats', 'dram', 'actCommands'])).toBe('statsDramActCommands');
    expect(columnOf(['bytesRead_B', 'dram'])).toBe('bytesReadDram_B');
  });
  it('orders columns by the given fields, then first appearance; lists have no column', () => {
    const t = table([{ b: 1, list: [1, 2], a: { x_J: 2 } }, { a: { y_J: 3 }, c: 'z' }], { order: ['a', 'b'] });
    expect(t.columns).toEqual(['aX_J', 'aY_J', 'b', 'c']);
    expect(t.rows[1]).toEqual({ aY_J: 3, c: 'z' });
  });
  it('two paths naming one column is a bug, not a silent overwrite', () => {
    expect(() => table([{ a_J: { b: 1 }, aB_J: 2 }])).toThrow(/named twice/);
  });
});
