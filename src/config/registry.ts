import type { ComponentSpec } from '../engine/spec.js';
import { controlDomainSpec } from '../hw/control-domain.js';
import { hostSpec } from '../hw/host/spec.js';
import { dramSpec } from '../hw/dram/spec.js';
import { envmSpec } from '../hw/envm/spec.js';
import { nvdlaSpec } from '../hw/nvdla/spec.js';
import { sramSpec } from '../hw/sram/spec.js';
import { weightPathSpec } from '../hw/weightpath/spec.js';
import { placementSpec } from './system-spec.js';
import { memoryPortSpec } from '../hw/port-spec.js';
import { backingStoreSpec } from '../hw/backing-store/spec.js';

/** Every component's declarations, in config order. The schema and `describe` come from this list. */
export const componentSpecs: readonly ComponentSpec[] = [
  placementSpec,
  nvdlaSpec,
  memoryPortSpec,
  dramSpec,
  envmSpec,
  sramSpec,
  weightPathSpec,
  backingStoreSpec,
  controlDomainSpec,
  hostSpec,
];
