import { AS_PUBLISHED, CORRECTION_NAMES, CORRECTION_REASONS } from '../../validation/perf-estimator/corrections.js';
import { estimateNetwork } from '../../validation/perf-estimator/estimator.js';
import { PRIMER_CLOCK_MHz, SHEET_DEFAULT } from '../../validation/perf-estimator/primer-points.js';
import { primerConfig, SOFTWARE_PROFILES } from '../../validation/primer-configs.js';
import type { Validation } from '../../validation/validation-data.js';
import { DASH, fix, fps, int, mdTable } from './md-table.js';

/** The estimator's reproduction of NVIDIA's figures, the corrections, the configurations and the fps table. */
export function pointsSection(v: Validation): string {
  const def = estimateNetwork(
    v.rows,
    { macs: SHEET_DEFAULT.macs, cbuf_KiB: SHEET_DEFAULT.cbuf_KiB, bandwidth_GBps: SHEET_DEFAULT.bandwidth_GBps, clock_MHz: PRIMER_CLOCK_MHz, atomicK: 32, winograd: true },
    AS_PUBLISHED,
  );
  const reproduced = mdTable(
    ['MACs', 'CBUF KiB', 'DRAM GB/s', 'primer fps', 'sheet re-evaluated: cycles', 'fps'],
    [
      ...v.points.map((p) => [int(p.build.point.macs), int(p.build.point.cbuf_KiB), String(p.build.point.bandwidth_GBps), String(p.build.point.fps), int(p.published.cycles), fix(p.published.fps, 3)]),
      [`${int(SHEET_DEFAULT.macs)} (sheet default)`, int(SHEET_DEFAULT.cbuf_KiB), String(SHEET_DEFAULT.bandwidth_GBps), `${int(SHEET_DEFAULT.cycles)} cycles`, int(def.cycles), fix(def.fps, 3)],
    ],
    'rrrrrr',
  );
  const corrections = mdTable(['correction', 'why'], CORRECTION_NAMES.map((n) => [`\`${n}\``, CORRECTION_REASONS[n]]), 'll');
  const configs = mdTable(
    ['MACs', 'atomic C×K', 'as NVIDIA build', 'from', 'CBUF banks × width B × depth', 'port GB/s', 'Winograd in the build'],
    v.points.map((p) => {
      const c = primerConfig(p.build).nvdla;
      const cbuf = `${c.cbufBanks} × ${c.cbufBankWidth_B} × ${c.cbufBankDepth}`;
      return [int(p.build.point.macs), `${p.build.atomicC}×${p.build.atomicK}`, p.build.build, `arch-configs/${p.build.base}.json`, cbuf, String(p.build.point.bandwidth_GBps), p.estimatorPoint.winograd ? 'yes' : 'no'];
    }),
    'rrllrrl',
  );
  const simFps = (p: Validation['points'][number], prof: (typeof SOFTWARE_PROFILES)[number]): string => (p.sim === undefined ? DASH : fps(p.sim[prof].fps));
  const main = mdTable(
    ['MACs', 'CBUF KiB', 'GB/s', 'primer fps', 'estimator as published', 'estimator corrected', 'simulator nvdla-sw', 'simulator hardware-limit'],
    v.points.map((p) => [
      int(p.build.point.macs), int(p.build.point.cbuf_KiB), String(p.build.point.bandwidth_GBps), String(p.build.point.fps),
      fps(p.published.fps), fps(p.corrected.fps), simFps(p, 'nvdla-sw'), simFps(p, 'hardware-limit'),
    ]),
    'rrrrrrrr',
  );
  const bound = mdTable(
    ['MACs', 'profile', 'hardware layers', 'lowest cycles / floor', 'at', 'layers below the floor'],
    v.points.flatMap((p) =>
      p.sim === undefined
        ? []
        : SOFTWARE_PROFILES.map((prof) => {
            const f = p.sim![prof].floors;
            const low = f.reduce((a, b) => (b.ratio < a.ratio ? b : a));
            const below = f.filter((x) => x.cycles < x.floor);
            return [int(p.build.point.macs), prof, String(f.length), fix(low.ratio, 4), low.name, below.length === 0 ? 'none' : below.map((x) => `${x.name} (${fix(x.ratio, 3)})`).join(', ')];
          }),
    ),
    'rlrrll',
  );
  return [
    '## Frame rates at the NVDLA primer\'s seven points (ResNet-50 v1, int8, 1 GHz)',
    '',
    'Frames per second of one inference (simulator: 1 / the latency of one cold inference, `simulate` with no frame rate; it includes the driver\'s launch time between hardware operations under `nvdla-sw`). The estimator is NVIDIA\'s sheet (`src/validation/perf-estimator/`), as published and with its known errors corrected; "corrected" is a roofline: per layer the larger of its MAC cycles and its DRAM traffic at peak bandwidth, layers one after another.',
    '',
    main,
    '',
    '### The estimator as published reproduces NVIDIA\'s figures',
    '',
    'The equations of reference/nvdla-perf-sheet.md, evaluated on traces/resnet50-v1.json. They give the primer\'s fps to every digit it prints and the sheet\'s default point to the cycle. Two readings were needed for that and are what the sheet does: the average pooling after res5c is fused into res5c_branch2c (its output Z is 1×1×2048, like conv1\'s is pool1\'s 56×56×64); and the DRAM term divides KiB by GB/s as if 1 KB were 1000 B. Tested in test/unit/validation/estimator.test.ts.',
    '',
    reproduced,
    '',
    '### Corrections',
    '',
    'Each is a flag of `Corrections` (`src/validation/perf-estimator/corrections.ts`). With all of them the compute term is a true floor: each correction removes work the hardware need not do or charges a cost it cannot avoid (a kernel group is computed whole; a KiB is 1024 B on the wire), and Winograd is taken only where it is faster than direct convolution, so the roofline never charges more than a run that chooses well. The traffic term keeps the sheet\'s own model (one tensor resident in CBUF, the other re-fetched) and is no floor: a schedule can move fewer bytes (per-layer table). That is why the lower-bound test below takes the bytes the simulator itself moved. Not corrected, because the sheet leaves them out by design: CBUF fill and drain time, launch time, separate pooling and add operations.',
    '',
    corrections,
    '',
    '### The seven configurations',
    '',
    'Generated by `src/validation/primer-configs.ts` from the shipped configs, overriding `nvdla.macAtomicC`, `macAtomicK`, `cbufBanks`, `cbufBankWidth_B` (one atom per entry, as in every NVIDIA build), `cbufBankDepth` and `memoryPort.peakBandwidth_GBps`; `nvdla.software` is set per profile. MAC splits from reference/nvdla-builds.csv (nvdla/hw spec/defs); 128 and 32 MACs have no NVIDIA build: assumption 16×8 and 8×4 on nv_small. Winograd and weight compression stay available on nv_full\'s split only (the other builds lack them); `nvdla-sw` uses neither.',
    '',
    configs,
    '',
    '### Lower bound: no hardware layer beats the roofline of its own bytes',
    '',
    'Per simulated hardware layer: cycles ≥ max(MACs / (atomic-C × atomic-K), ÷ 2.25 where it ran in Winograd mode; the bytes it moved over the memory port / peak bandwidth). Asserted by test/unit/validation/lower-bound.test.ts on nv_full and nv_small; shown here for the seven points. A ratio of exactly 1 means a layer transfers at peak bandwidth from its first to its last cycle: the simulator overlaps that layer\'s CBUF fill and write-back completely.',
    '',
    bound,
  ].join('\n');
}
