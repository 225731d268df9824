import { type ComponentSpec, oneOf } from '../engine/spec.js';
import type { Role } from '../memories/kind.js';
import { kindNames } from './memory-kinds.js';

/**
 * System-level choices that belong to no single component: where weights and activations live.
 */
export const placementSpec: ComponentSpec = {
  name: 'placement',
  description: 'Where the weights and the activations are stored.',
  params: [
    {
      key: 'weights',
      unit: '-',
      description: 'Weight store: LPDDR4 DRAM (NVDLA baseline) or on-chip eNVM behind the weight path (MaxNVM)',
      source: 'docs/architecture.md §1: NVDLA keeps weights in DRAM; MaxNVM keeps them in eNVM',
      schema: oneOf(kindNames('weights')),
    },
    {
      key: 'activations',
      unit: '-',
      description: 'Activation store: LPDDR4 DRAM or on-chip SRAM',
      source: 'docs/architecture.md §6: on-chip SRAM for activations when no DRAM is present',
      schema: oneOf(kindNames('activations')),
    },
  ],
  stats: [],
};

/** The memory kind (src/config/memory-kinds.ts) that holds each role. */
export type Placement = Record<Role, string>;
