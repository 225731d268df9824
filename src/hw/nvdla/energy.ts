import type { EnergyBreakdown } from '../memory.js';
import type { NvdlaParams } from './spec.js';

/**
 * Energy of the core: a price per event times the events counted by the
 * timing model, plus leakage over time. Terms are in joules under stable
 * snake_case keys.
 */

/** What a layer did, counted by the timing model. */
export interface CoreActivity {
  /** Multiply-accumulates performed (useful MACs, or fewer in Winograd mode). */
  multiplies: number;
  /** CBUF bytes read by CSC: one feature atom per atomic op, one weight atom per stripe. */
  cbufRead_B: number;
  /** CBUF bytes written by CDMA: features and weights as held in CBUF. */
  cbufWrite_B: number;
  /** Elements through SDP (conv outputs, element-wise outputs). */
  sdpElements: number;
  /** Input elements through PDP. */
  pdpElements: number;
  /**
   * Elements through CDP (local response normalization) and the channel window each sums over; only LRN layers
   * have them, so the `cdp` energy term exists only where CDP ran.
   */
  cdp?: { elements: number; window: number };
}

export const NO_ACTIVITY: CoreActivity = { multiplies: 0, cbufRead_B: 0, cbufWrite_B: 0, sdpElements: 0, pdpElements: 0 };

const PJ = 1e-12;

export function dynamicEnergy_J(p: NvdlaParams, a: CoreActivity): EnergyBreakdown {
  return {
    mac: a.multiplies * p.macEnergy_pJ * PJ,
    cbuf_read: a.cbufRead_B * p.cbufReadEnergy_pJ_per_B * PJ,
    cbuf_write: a.cbufWrite_B * p.cbufWriteEnergy_pJ_per_B * PJ,
    sdp: a.sdpElements * p.sdpEnergy_pJ_per_element * PJ,
    pdp: a.pdpElements * p.pdpEnergy_pJ_per_element * PJ,
    ...(a.cdp === undefined ? {} : { cdp: cdpEnergy_J(p, a.cdp) }),
  };
}

/**
 * CDP energy. Assumption: per element CDP adds the squares of `window` neighbouring channels (priced as PDP's
 * per-element add) and scales by its LUT's value (priced as one SDP element); no separate CDP figure is published.
 */
function cdpEnergy_J(p: NvdlaParams, cdp: { elements: number; window: number }): number {
  return cdp.elements * (cdp.window * p.pdpEnergy_pJ_per_element + p.sdpEnergy_pJ_per_element) * PJ;
}

/** Leakage over `duration_ps`: mW × ps = 1e-15 J. */
export function leakageEnergy_J(p: NvdlaParams, duration_ps: number): number {
  return p.leakage_mW * duration_ps * 1e-15;
}

export function addEnergy(into: EnergyBreakdown, add: EnergyBreakdown): void {
  for (const [k, v] of Object.entries(add)) into[k] = (into[k] ?? 0) + v;
}

export function totalEnergy_J(e: EnergyBreakdown): number {
  return Object.values(e).reduce((s, v) => s + v, 0);
}
