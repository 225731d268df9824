/**
 * One colour per name, the same in every plot of every report: a component
 * (nvdla, dram, envm, ...) or a memory has the same fill in the energy, area
 * and per-layer plots, and a system has the same line colour in the power,
 * energy, ratio and band plots of any sweep it appears in.
 *
 * Colours come from the Okabe–Ito palette (Okabe & Ito, "Color Universal
 * Design", 2008; https://jfly.uni-koeln.de/color/), chosen to stay apart
 * under the common colour-vision deficiencies. Known names have a declared
 * colour; any other name takes a colour from its name's hash (FNV-1a), so it
 * is stable between reports. Should two names of one plot hash to the same
 * colour, the later of the two (by name) takes the next free one.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Tableau 10's grey and brown, for names beyond what Okabe–Ito tells apart. */
const EXTRA = { grey: '#79706E', brown: '#9C755F' } as const;

/** Components and memories, as the stats registry and the per-layer bytes name them. */
const COMPONENT_COLORS: Readonly<Record<string, string>> = {
  nvdla: OKABE_ITO.blue,
  dram: OKABE_ITO.vermillion,
  envm: OKABE_ITO.bluishGreen,
  sram: OKABE_ITO.skyBlue,
  weightPath: OKABE_ITO.reddishPurple,
  controlDomain: OKABE_ITO.orange,
  backingStore: OKABE_ITO.yellow,
};
/** Fills for components not named above (yellow is fine as a fill, not as a thin line). */
const COMPONENT_POOL = [...Object.values(OKABE_ITO), EXTRA.grey, EXTRA.brown];

/** The systems of the shipped configs and of the main job (arch-configs/), by name. */
const SYSTEM_COLORS: Readonly<Record<string, string>> = {
  'nvdla-full-lpddr4': OKABE_ITO.black,
  'nvdla-small-lpddr4': EXTRA.grey,
  'maxnvm-rram-safe-csr4': OKABE_ITO.blue,
  'maxnvm-ctt-safe-csr4': OKABE_ITO.vermillion,
  'hybrid-rram-lpddr4': OKABE_ITO.reddishPurple,
};
/** Line colours for other systems: Okabe–Ito without yellow, which is too pale for a 2 px line on white. */
const SYSTEM_POOL = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.black, EXTRA.brown];

/** FNV-1a, 32 bit: a stable hash of a name (no dependence on the platform or the run). */
export function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function assign(names: Iterable<string>, fixed: Readonly<Record<string, string>>, pool: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const unique = [...new Set(names)];
  for (const n of unique) if (fixed[n] !== undefined) out.set(n, fixed[n]);
  const taken = new Set(out.values());
  // Sorted by name, so the same set of names gets the same colours whatever their order in the rows.
  for (const n of unique.filter((x) => fixed[x] === undefined).sort()) {
    const start = nameHash(n) % pool.length;
    let pick = pool[start] as string;
    for (let k = 0; k < pool.length; k++) {
      const c = pool[(start + k) % pool.length] as string;
      if (!taken.has(c)) {
        pick = c;
        break;
      }
    }
    taken.add(pick);
    out.set(n, pick);
  }
  return out;
}

/** The fill of each component or memory shown together in one plot. */
export function componentColors(names: Iterable<string>): Map<string, string> {
  return assign(names, COMPONENT_COLORS, COMPONENT_POOL);
}

/** The line colour of each system shown together in one plot. */
export function systemColors(names: Iterable<string>): Map<string, string> {
  return assign(names, SYSTEM_COLORS, SYSTEM_POOL);
}
