export { SramBuffer } from './sram-buffer.js';
export { sramSpec, SRAM_WRITE_SOURCE, type SramParams, type SramOverrides } from './spec.js';
export { sramFigures, type SramFigures } from './sram-figures.js';
