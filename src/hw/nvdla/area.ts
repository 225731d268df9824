import { cbufBytes } from './params.js';
import type { NvdlaParams } from './spec.js';

/** Core area: the linear model calibrated to the primer's 16 nm estimates (CALIBRATION.md). */
export interface NvdlaArea {
  mac_mm2: number;
  cbuf_mm2: number;
  control_mm2: number;
  total_mm2: number;
}

export function nvdlaArea(p: NvdlaParams): NvdlaArea {
  const mac_mm2 = p.macAtomicC * p.macAtomicK * p.macArea_mm2_per_MAC;
  const cbuf_mm2 = (cbufBytes(p) / 1024) * p.cbufArea_mm2_per_KiB;
  return { mac_mm2, cbuf_mm2, control_mm2: p.controlArea_mm2, total_mm2: mac_mm2 + cbuf_mm2 + p.controlArea_mm2 };
}
