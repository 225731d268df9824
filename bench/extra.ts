/** Benchmarks of the sweep and the fault campaigns, added as those tools land. */
export async function extraBenches(): Promise<string[]> {
  return [];
}
