import { stat, saneEnergy_pJ, num, oneOf, type ComponentSpec } from '../../engine/spec.js';
import { MIN_BANDWIDTH_GBPS } from '../port-spec.js';
import { FLASH_PART_NAMES, FLASH_PARTS, type FlashPart } from './flash-parts.js';

/**
 * The non-volatile store (flash) from which weights are reloaded into LPDDR4
 * after the `off` idle policy removed its supplies and its contents. Model of a
 * reload: the part streams the weights at its read bandwidth and energy per
 * byte; the host pays its side of the transfer (link receiver, host controller,
 * DMA over the SoC interconnect) per byte; the DRAM pays its writes (the DRAM
 * model). Time: the slower of the flash stream and the DRAM writes.
 */
const SOURCE = 'model: src/hw/backing-store/weight-reload.ts';
const counter = stat('counter', SOURCE);
const energyTerm = stat('energy', SOURCE);

export const backingStoreSpec: ComponentSpec = {
  name: 'backingStore',
  description:
    'Flash storage the weights are reloaded from into LPDDR4 after an "off" idle period (contents lost); used only when weights live in DRAM. A part from reference/flash-parts.csv by name, its figures overridable.',
  params: [
    {
      key: 'part',
      unit: '-',
      description: `flash part whose read bandwidth and energy per byte apply (reference/flash-parts.csv): ${FLASH_PART_NAMES.join(', ')}`,
      default: 'ufs-3.1',
      source: 'assumption: a mobile SoC of the NVDLA class boots and loads models from UFS; UFS 3.1 is the mid-range part (reference/flash-parts.csv: Samsung figures, 2.1 GB/s, 0.29 nJ/B)',
      schema: oneOf(FLASH_PART_NAMES),
    },
    {
      key: 'readBandwidth_GBps',
      unit: 'GB/s',
      description: 'sustained sequential read bandwidth, replacing the part\'s; at least 0.001 GB/s (1 MB/s, at which reloading ResNet-50\'s 25.5 MB of weights takes 26 s), a sanity bound that keeps event times far below the simulator\'s limit of 2^53 ps (about 9007 s)',
      source: 'none needed: absent means the part\'s (reference/flash-parts.csv)',
      schema: num({ minimum: MIN_BANDWIDTH_GBPS }),
      optional: true,
    },
    {
      key: 'readEnergy_pJ_per_B',
      unit: 'pJ/B',
      description: 'energy per byte read from the flash device (its array, controller and link side), replacing the part\'s',
      source: 'none needed: absent means the part\'s (reference/flash-parts.csv)',
      schema: saneEnergy_pJ(),
      optional: true,
    },
    {
      key: 'hostTransferEnergy_pJ_per_B',
      unit: 'pJ/B',
      description: 'energy per byte on the host side of a reload: link receiver, host controller and DMA over the SoC interconnect to the DRAM controller (the DRAM\'s own write and I/O energy is the DRAM model\'s)',
      default: 20,
      source: 'assumption: a serial-link receiver at 1–2 pJ/bit (published multi-Gb/s SerDes receivers) is 8–16 pJ/B, plus a few pJ/B for the controller and a few mm of on-chip interconnect (of order 0.1–0.5 pJ/bit); small next to the flash device\'s 200–1450 pJ/B',
      schema: saneEnergy_pJ(),
    },
  ],
  stats: [
    counter('reloads', 'count', 'weight reloads after an off period'),
    counter('reloaded_B', 'B', 'bytes reloaded'),
    energyTerm('read', 'J', 'flash read energy of reloads'),
    energyTerm('host_transfer', 'J', 'host-side transfer energy of reloads (link, controller, DMA)'),
  ],
};

/** The `backingStore` section as written: the part and any figures that replace its own. */
export interface BackingStoreSection {
  part: FlashPart;
  readBandwidth_GBps?: number;
  readEnergy_pJ_per_B?: number;
  hostTransferEnergy_pJ_per_B: number;
}

/** Every figure of a reload, the part's where the config gives none. */
export interface BackingStoreParams {
  part: FlashPart;
  readBandwidth_GBps: number;
  readEnergy_pJ_per_B: number;
  hostTransferEnergy_pJ_per_B: number;
}

export function resolveBackingStore(s: BackingStoreSection): BackingStoreParams {
  const part = FLASH_PARTS[s.part];
  return {
    part: s.part,
    readBandwidth_GBps: s.readBandwidth_GBps ?? part.readBandwidth_GBps,
    readEnergy_pJ_per_B: s.readEnergy_pJ_per_B ?? part.readEnergy_pJ_per_B,
    hostTransferEnergy_pJ_per_B: s.hostTransferEnergy_pJ_per_B,
  };
}
