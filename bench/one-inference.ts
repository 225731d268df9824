// One ResNet-50 v1.5 inference on nv_full + LPDDR4: the first of the process, then the median of 60 more
// (the JIT takes a few dozen inferences to settle).
// Run alone (node --import tsx bench/one-inference.ts) to time the simulator without the rest of the bench.
import { inferenceBench } from './inference.js';

const r = inferenceBench('arch-configs/nvdla-full-lpddr4.json', 'traces/resnet50-v1.5.json', 60);
process.stdout.write(
  `nv_full + LPDDR4, ResNet-50 v1.5: first ${(r.first_s * 1e3).toFixed(0)} ms, then ${(r.wall_s * 1e3).toFixed(1)} ms per inference ` +
    `(median; CPU ${(r.cpu_s * 1e3).toFixed(1)} ms), ${r.events.toLocaleString('en-US')} events, ${Math.round(r.events / r.wall_s).toLocaleString('en-US')} events/s\n`,
);
