/**
 * The NVDLA primer's seven ResNet-50 points and the sheet's own default point (reference/nvdla-perf-sheet.md):
 * int8 at 1 GHz; fps as the primer prints it (its digits are all we can test against).
 */
export interface PrimerPoint {
  macs: number;
  cbuf_KiB: number;
  bandwidth_GBps: number;
  /** The primer's frame rate as printed, and the digits it gives after the point. */
  fps: number;
  fpsDecimals: number;
}

export const PRIMER_POINTS: readonly PrimerPoint[] = [
  { macs: 2048, cbuf_KiB: 512, bandwidth_GBps: 20, fps: 269, fpsDecimals: 0 },
  { macs: 1024, cbuf_KiB: 256, bandwidth_GBps: 15, fps: 153, fpsDecimals: 0 },
  { macs: 512, cbuf_KiB: 256, bandwidth_GBps: 10, fps: 93, fpsDecimals: 0 },
  { macs: 256, cbuf_KiB: 256, bandwidth_GBps: 5, fps: 46, fpsDecimals: 0 },
  { macs: 128, cbuf_KiB: 256, bandwidth_GBps: 2, fps: 20, fpsDecimals: 0 },
  { macs: 64, cbuf_KiB: 128, bandwidth_GBps: 1, fps: 7.3, fpsDecimals: 1 },
  { macs: 32, cbuf_KiB: 128, bandwidth_GBps: 0.5, fps: 3.6, fpsDecimals: 1 },
];

/** The sheet's default inputs and its printed result. */
export const SHEET_DEFAULT = { macs: 2048, cbuf_KiB: 512, bandwidth_GBps: 10, cycles: 7_113_691 } as const;

/** Every point runs at 1 GHz (nvdla/doc primer.rst). */
export const PRIMER_CLOCK_MHz = 1000;
