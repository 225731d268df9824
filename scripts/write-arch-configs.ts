// Writes the shipped architecture configs in arch-configs/. Each is a plain JSON file a user can copy and edit;
// this script only keeps the family of MaxNVM variants consistent. Every value that is not a default says why.
import { writeFileAtomic, toJson } from '../src/util/atomic-write.js';

const SCHEMA = '../schemas/arch-config.schema.json';
type Json = Record<string, unknown>;
const configs: Record<string, Json> = {};

configs['nvdla-full-lpddr4'] = {
  $schema: SCHEMA,
  name: 'nvdla-full-lpddr4',
  description:
    'NVDLA nv_full (64×32 int8 MACs, 512 KiB CBUF in 16 banks, 1 GHz) with weights and activations in LPDDR4-3200. ' +
    'Port bandwidth 20 GB/s: the NVDLA primer point for 2048 MACs (reference/nvdla-area-power.csv). ' +
    'Four x16 channels (a 64-bit LPDDR4 interface, 25.6 GB/s) so that the DRAM itself is not below the port.',
  placement: { weights: 'dram', activations: 'dram' },
  nvdla: { build: 'nv_full' },
  memoryPort: { peakBandwidth_GBps: 20 },
  dram: { channels: 4 },
};

configs['nvdla-small-lpddr4'] = {
  $schema: SCHEMA,
  name: 'nvdla-small-lpddr4',
  description:
    'NVDLA nv_small (8×8 int8 MACs, 128 KiB CBUF in 32 banks, 1 GHz) with weights and activations in LPDDR4-3200. ' +
    'Port bandwidth 1 GB/s: the NVDLA primer point for 64 MACs and 128 KiB (reference/nvdla-area-power.csv). One x16 channel.',
  placement: { weights: 'dram', activations: 'dram' },
  nvdla: { build: 'nv_small' },
  memoryPort: { peakBandwidth_GBps: 1 },
  dram: { channels: 1 },
};

/**
 * The activation SRAM, 2.5 MiB: ResNet-50 at 224×224 needs 2,408,448 B live at once as NVIDIA's released compiler
 * runs it (the residual adds are standalone SDP operations: a 56×56×256 add reads two tensors and writes a third,
 * src/hw/nvdla/SOFTWARE.md), 1,806,336 B when the adds are fused into their convolutions (hardware-limit).
 * The next half MiB above the need; figures scale from the 2 MiB SRAM of reference/envm-arrays.csv.
 */
const SRAM = { capacity_B: 2.5 * 1024 * 1024 };

function envmSystem(tech: 'RRAM' | 'CTT', encoding: 'dense' | 'bitmask' | 'csr', bpc: number, protect: 'slc-metadata' | 'ecc-idxsync' | 'none'): [string, Json] {
  const enc = encoding === 'csr' ? 'csr4' : encoding;
  const name = `maxnvm-${tech.toLowerCase()}-${bpc}bpc-${enc}${protect === 'none' ? '' : `-${protect}`}`;
  const metadata = encoding === 'csr' ? ['indices', 'pointers'] : encoding === 'bitmask' ? ['mask', 'groupSizes'] : [];
  const storage: Json = {
    label: name,
    encoding,
    // The naive reference stores 8-bit weights; the sparse variants use the trace's clusters where it has them.
    clustered: encoding !== 'dense',
    defaultBitsPerCell: bpc,
    bitsPerCell: {},
  };
  if (encoding === 'bitmask') storage.bitmaskLayout = 'nvdla';
  if (encoding === 'csr') storage.csrIndexBits = 4;
  if (protect === 'slc-metadata') storage.bitsPerCell = Object.fromEntries(metadata.map((s) => [s, 1]));
  if (protect === 'ecc-idxsync') {
    storage.idxSync = { interval: 1024 };
    storage.ecc = { dataBits: 64, streams: [...metadata, 'sync'] };
  }
  const what =
    encoding === 'dense'
      ? 'dense weights'
      : `${encoding === 'csr' ? 'CSR (4-bit relative indices)' : "bitmask (NVDLA's WMB/WGS layout)"} sparse weights`;
  const prot =
    protect === 'slc-metadata'
      ? '; metadata in single-level cells'
      : protect === 'ecc-idxsync'
        ? '; metadata and sync words protected by SECDED (72,64), IdxSync every 1024 weights'
        : '';
  return [
    name,
    {
      $schema: SCHEMA,
      name,
      description:
        `MaxNVM-style system: NVDLA nv_full with weights on chip in ${tech} eNVM at ${bpc} bit(s) per cell as ${what}${prot}; ` +
        'activations in a 2.5 MiB on-chip SRAM; no DRAM.' +
        (tech === 'CTT' ? ' CTT array figures are a rough indication (reference/README.md).' : ''),
      placement: { weights: 'envm', activations: 'sram' },
      nvdla: { build: 'nv_full' },
      envm: { technology: tech },
      sram: SRAM,
      weightPath: {},
      weightStorage: storage,
    },
  ];
}

const variants: Parameters<typeof envmSystem>[] = [['RRAM', 'dense', 1, 'none'], ['CTT', 'dense', 1, 'none']];
for (const tech of ['RRAM', 'CTT'] as const) {
  for (const encoding of ['bitmask', 'csr'] as const) {
    for (const bpc of [1, 2, 3]) variants.push([tech, encoding, bpc, bpc === 1 ? 'none' : 'slc-metadata']);
    for (const bpc of [2, 3]) variants.push([tech, encoding, bpc, 'ecc-idxsync']);
  }
}
for (const v of variants) {
  const [name, cfg] = envmSystem(...v);
  configs[name] = cfg;
}

/**
 * The densest storage that the fault study (`maxnvm faults --study`, RRAM level model, 0.5 pp tolerance at 95 %
 * confidence on the in-project MNIST network) found safe: CSR with 4-bit indices, values at 2 bits per cell,
 * metadata, sync words and check bits at 3 behind SECDED (72,64) and IdxSync every 1024 weights.
 */
for (const tech of ['RRAM', 'CTT'] as const) {
  const name = `maxnvm-${tech.toLowerCase()}-safe-csr4`;
  configs[name] = {
    $schema: SCHEMA,
    name,
    description:
      `MaxNVM-style system at the most bits per cell the fault study found safe: NVDLA nv_full, weights in ${tech} eNVM as CSR (4-bit relative indices), ` +
      'cluster codes at 2 bits per cell, codebook, indices, pointers, sync words and check bits at 3 behind SECDED (72,64) and IdxSync every 1024 weights; activations in a 2.5 MiB SRAM; no DRAM.' +
      (tech === 'CTT' ? ' CTT array figures are a rough indication and CTT faults use the RRAM level model (an assumption).' : ''),
    placement: { weights: 'envm', activations: 'sram' },
    nvdla: { build: 'nv_full' },
    envm: { technology: tech },
    sram: SRAM,
    weightPath: {},
    weightStorage: {
      label: 'csr r4, values 2 b/cell, metadata 3 b/cell + ECC + IdxSync (fault study)',
      encoding: 'csr',
      csrIndexBits: 4,
      clustered: true,
      defaultBitsPerCell: 2,
      bitsPerCell: { values: 2, codebook: 3, indices: 3, pointers: 3, sync: 3, check: 3 },
      ecc: { dataBits: 64, streams: ['codebook', 'indices', 'pointers', 'sync'] },
      idxSync: { interval: 1024 },
    },
  };
}

configs['hybrid-rram-lpddr4'] = {
  $schema: SCHEMA,
  name: 'hybrid-rram-lpddr4',
  description:
    'Hybrid: NVDLA nv_full with weights on chip in RRAM at 2 bits per cell (bitmask, metadata in SLC) and activations in LPDDR4-3200 (four x16 channels, 20 GB/s port as nvdla-full-lpddr4).',
  placement: { weights: 'envm', activations: 'dram' },
  nvdla: { build: 'nv_full' },
  memoryPort: { peakBandwidth_GBps: 20 },
  dram: { channels: 4 },
  envm: { technology: 'RRAM' },
  weightPath: {},
  weightStorage: {
    label: 'bitmask, values 2 bpc, metadata SLC',
    encoding: 'bitmask',
    bitmaskLayout: 'nvdla',
    clustered: true,
    defaultBitsPerCell: 2,
    bitsPerCell: { mask: 1, groupSizes: 1 },
  },
};

for (const [name, cfg] of Object.entries(configs)) writeFileAtomic(`arch-configs/${name}.json`, toJson(cfg));
process.stdout.write(`wrote ${Object.keys(configs).length} configs to arch-configs/\n`);
