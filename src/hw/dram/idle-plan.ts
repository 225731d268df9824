import { NO_PLAN, type IdlePlan } from './idle-controller.js';
import type { DramIdlePolicy } from './spec.js';
import type { DramTiming } from './timing.js';

/**
 * From an idle policy to the cycles at which a channel changes state. When the
 * wake time is known the exit is started early enough for the device to be
 * ready then (frame replay knows when the next frame starts), and a state whose
 * entry plus exit does not fit in the idle period is not entered.
 */

export type FixedIdlePolicy = Exclude<DramIdlePolicy, 'best'>;

export interface IdleThresholds {
  powerDown_cycles: number;
  selfRefresh_cycles: number;
}

export interface PolicyChoice {
  policy: FixedIdlePolicy;
  thresholds: IdleThresholds;
}

export function planFor(
  choice: PolicyChoice,
  idleStart: number,
  wake: number | undefined,
  t: DramTiming,
  /** Cycles the contents take to restore after an `off` period, finished by `wake` (0: restored after it). */
  offLead = 0,
): IdlePlan {
  const { policy, thresholds: th } = choice;
  const fits = (entry: number, exitLatency: number): boolean => wake === undefined || entry + exitLatency <= wake;
  const pdEntry = idleStart + th.powerDown_cycles;
  // Entry: PREA (tRPab) then PDE; exit PDX after tCKE, ready tXP later.
  const pdFits = fits(pdEntry, t.tRPab + t.tCKE + t.tXP);
  const exitBy = (latency: number): number => (wake === undefined ? Infinity : wake - latency);
  switch (policy) {
    case 'standby':
      return NO_PLAN;
    case 'power-down':
      return pdFits ? { ...NO_PLAN, pdAt: pdEntry, exitAt: exitBy(t.tXP) } : NO_PLAN;
    case 'self-refresh': {
      const srEntry = idleStart + th.selfRefresh_cycles;
      // From power-down: PDX, PREA, SREFEN; the refresh at entry and tSR before SREFEX, ready tXSR later.
      const srFits = fits(srEntry, t.tXP + t.tRPab + Math.max(t.tSR, t.tRFC) + t.tXSR);
      const pdFirst = th.powerDown_cycles < th.selfRefresh_cycles && pdFits;
      if (srFits) return { ...NO_PLAN, pdAt: pdFirst ? pdEntry : Infinity, srAt: srEntry, exitAt: exitBy(t.tXSR) };
      return pdFirst ? { ...NO_PLAN, pdAt: pdEntry, exitAt: exitBy(t.tXP) } : NO_PLAN;
    }
    case 'off':
      // Power up early enough that the weights are back by the wake time; otherwise stay powered.
      if (fits(idleStart, t.powerUp + offLead)) return { ...NO_PLAN, offAt: idleStart, exitAt: exitBy(t.powerUp + offLead) };
      // Too short to power-cycle: power-down keeps the data and costs less than standby.
      return pdFits ? { ...NO_PLAN, pdAt: idleStart, exitAt: exitBy(t.tXP) } : NO_PLAN;
  }
}

/**
 * What `best` compares: every state entered at once, and the configured fixed
 * policies with their thresholds (so `best` is never worse than any of them).
 */
export function bestCandidates(configured: IdleThresholds, withOff: boolean): PolicyChoice[] {
  const now: IdleThresholds = { powerDown_cycles: 0, selfRefresh_cycles: 0 };
  const list: PolicyChoice[] = [
    { policy: 'standby', thresholds: now },
    { policy: 'power-down', thresholds: now },
    { policy: 'power-down', thresholds: configured },
    { policy: 'self-refresh', thresholds: now },
    { policy: 'self-refresh', thresholds: configured },
  ];
  if (withOff) list.push({ policy: 'off', thresholds: now });
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = `${c.policy}/${c.thresholds.powerDown_cycles}/${c.thresholds.selfRefresh_cycles}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
