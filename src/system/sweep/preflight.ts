import type { ArchConfig } from '../../config/arch-config.js';
import { planConvolution } from '../../hw/nvdla/tiling.js';
import { cbufWeightsOf } from '../../hw/nvdla/weight-source.js';
import { hasWeights, type Trace } from '../../workload/layer.js';
import { buildSystem } from '../build.js';
import type { System } from '../system.js';
import { inSystemContext } from './unit-error.js';

/**
 * Build every system of a grid once, in this thread, before any unit runs, so
 * that a config the models cannot build, or whose CBUF cannot hold a layer of
 * the trace, fails the sweep at once with a UserError instead of inside a
 * worker after other units were computed and written. A system that merely
 * cannot run the trace (`sys.infeasible`: weights or activations do not fit)
 * is not an error: its unit reports every rate infeasible with the reason.
 *
 * One build per (config, trace): the DRAM idle policy, the only thing that
 * differs between the units of a pair, decides power states between frames
 * and nothing that is built or planned.
 */
export function buildEverySystem(archs: readonly ArchConfig[], traces: readonly { file: string; trace: Trace }[], seed: number): void {
  for (const arch of archs) {
    for (const { file, trace } of traces) {
      try {
        const sys = buildSystem(arch, trace, { seed });
        if (sys.infeasible === undefined) planEveryConvolution(sys);
      } catch (e) {
        throw inSystemContext(e, arch.file, file);
      }
    }
  }
}

/**
 * Plan each convolution's CBUF use as the core does when the layer starts
 * (ConvLayerRun: planConvolution with the weight source's CBUF sizes), without
 * simulating it: a CBUF too small for a layer is found here.
 */
export function planEveryConvolution(sys: System): void {
  const p = sys.config.nvdla;
  sys.trace.layers.forEach((l, i) => {
    if (hasWeights(l)) planConvolution(l, p, cbufWeightsOf(p, sys.io.weights, l, i));
  });
}
