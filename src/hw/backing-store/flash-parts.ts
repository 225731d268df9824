/**
 * Flash parts a weight reload may come from: `reference/flash-parts.csv` as data (sources and
 * derivations are in the CSV; a test checks this table against it row by row).
 */

export const FLASH_PARTS = {
  'nor-qspi-3v': { kind: 'serial NOR', readBandwidth_GBps: 0.0665, readEnergy_pJ_per_B: 902 },
  'nor-qspi-1v8': { kind: 'serial NOR', readBandwidth_GBps: 0.0665, readEnergy_pJ_per_B: 541 },
  'emmc-5.1': { kind: 'eMMC', readBandwidth_GBps: 0.3, readEnergy_pJ_per_B: 1450 },
  'ufs-3.1': { kind: 'UFS', readBandwidth_GBps: 2.1, readEnergy_pJ_per_B: 292 },
  'ufs-4.0': { kind: 'UFS', readBandwidth_GBps: 4.2, readEnergy_pJ_per_B: 200 },
} as const;

export type FlashPart = keyof typeof FLASH_PARTS;
export const FLASH_PART_NAMES = Object.keys(FLASH_PARTS) as FlashPart[];
