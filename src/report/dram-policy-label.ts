/**
 * How tables and plot legends name a system's DRAM idle policy, so that the baseline's policy
 * (`power-down` unless its config says otherwise; `best` in the MaxNVM comparison) is never left
 * for the reader to guess. Plots: put `baselinePolicyCaption` in the legend title or subtitle.
 */

/** A DRAM idle policy as a table cell: the policy, or "no DRAM" for systems without one ("-" in sweep rows). */
export function dramPolicyLabel(policy: string | undefined): string {
  return policy === undefined || policy === '-' ? 'no DRAM' : policy;
}

/** One line naming the baseline and its DRAM idle policy, e.g. "baseline nvdla-full-lpddr4, DRAM idle policy: best". */
export function baselinePolicyCaption(baselineSystem: string, policy: string | undefined): string {
  return `baseline ${baselineSystem}, DRAM idle policy: ${dramPolicyLabel(policy)}`;
}
