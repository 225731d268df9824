/**
 * Dash pattern of each DRAM idle policy (legend labels, see policyLabel),
 * [dash, gap, ...] in px at the 2 px line width: the same policy looks the
 * same in every plot and every report. Solid for the per-gap optimum "best"
 * and for systems without DRAM; the fixed policies from the most awake
 * (long dashes) to the deepest sleep (dots).
 */
const POLICY_DASHES: Readonly<Record<string, readonly number[]>> = {
  'no DRAM': [1, 0],
  best: [1, 0],
  standby: [10, 4],
  'power-down': [10, 3, 2, 3],
  'self-refresh': [5, 3],
  off: [2, 3],
};

/** Patterns for policies not listed above, given in order of first appearance. */
const SPARE_DASHES: readonly (readonly number[])[] = [
  [14, 3, 3, 3, 3, 3],
  [1, 5],
  [16, 6],
];

/** The dash pattern of each policy; policies not listed above take the spare patterns in the order given. */
export function policyDashes(policies: Iterable<string>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  let spare = 0;
  for (const p of policies) if (!out.has(p)) out.set(p, [...(POLICY_DASHES[p] ?? (SPARE_DASHES[spare++ % SPARE_DASHES.length] as readonly number[]))]);
  return out;
}
