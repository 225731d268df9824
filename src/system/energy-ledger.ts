import type { Picoseconds } from '../engine/time.js';
import type { EnergyAccount, PowerManaged } from '../hw/memory.js';

/** Energy by component, then by term, in J. */
export type ComponentEnergy = Record<string, Record<string, number>>;

/** A snapshot of every account's cumulative energy and every device's state residency at one instant. */
export interface LedgerSnapshot {
  t: Picoseconds;
  energy_J: ComponentEnergy;
  residency_s: Record<string, Record<string, number>>;
  /** Background energy by device and power state, J. */
  stateEnergy_J: Record<string, Record<string, number>>;
}

/**
 * The system's books: every energy account and power-managed device, read at
 * chosen instants (frame boundaries, layer ends) so that energy over an
 * interval is the difference of two snapshots.
 */
export class EnergyLedger {
  private readonly accounts: { name: string; account: EnergyAccount }[] = [];
  private readonly devices: { name: string; device: PowerManaged }[] = [];

  addAccount(name: string, account: EnergyAccount): void {
    this.accounts.push({ name, account });
  }
  addPowerManaged(name: string, device: PowerManaged): void {
    this.devices.push({ name, device });
  }
  get powerManaged(): readonly { name: string; device: PowerManaged }[] {
    return this.devices;
  }

  snapshot(t: Picoseconds): LedgerSnapshot {
    const energy_J: ComponentEnergy = {};
    for (const { name, account } of this.accounts) {
      account.advanceTo(t);
      energy_J[name] = { ...account.energy_J() };
    }
    const residency_s: Record<string, Record<string, number>> = {};
    const stateEnergy_J: Record<string, Record<string, number>> = {};
    for (const { name, device } of this.devices) {
      residency_s[name] = { ...device.residency_s() };
      stateEnergy_J[name] = { ...device.stateEnergy_J() };
    }
    return { t, energy_J, residency_s, stateEnergy_J };
  }
}

/** b − a, term by term (terms missing on one side count as 0). */
export function diffNested(
  a: Record<string, Record<string, number>>,
  b: Record<string, Record<string, number>>,
  scale = 1,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const comp of Object.keys(b)) {
    const bt = b[comp] ?? {};
    const at = a[comp] ?? {};
    const terms: Record<string, number> = {};
    for (const term of Object.keys(bt)) terms[term] = ((bt[term] ?? 0) - (at[term] ?? 0)) * scale;
    out[comp] = terms;
  }
  return out;
}

export function sumNested(e: Record<string, Record<string, number>>): number {
  let s = 0;
  for (const terms of Object.values(e)) for (const v of Object.values(terms)) s += v;
  return s;
}

/** Total per component. */
export function componentTotals(e: Record<string, Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [comp, terms] of Object.entries(e)) out[comp] = Object.values(terms).reduce((x, y) => x + y, 0);
  return out;
}
