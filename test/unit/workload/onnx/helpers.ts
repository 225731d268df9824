import { importOnnx, type OnnxImport } from '../../../../src/workload/onnx/import-onnx.js';
import type { Layer } from '../../../../src/workload/layer.js';
import type { OnnxBuilder } from './onnx-builder.js';

/** Import a built model; its layers by name. */
export function imported(b: OnnxBuilder, inputShape?: number[]): OnnxImport & { layer: (name: string) => Layer } {
  const r = importOnnx(b.write(), inputShape === undefined ? {} : { inputShape });
  return {
    ...r,
    layer: (name: string) => {
      const l = r.trace.layers.find((x) => x.name === name);
      if (l === undefined) throw new Error(`no layer ${name} in ${r.trace.layers.map((x) => x.name).join(', ')}`);
      return l;
    },
  };
}

/** The error an import throws, as the CLI prints it. */
export function importError(b: OnnxBuilder, inputShape?: number[]): string {
  try {
    importOnnx(b.write(), inputShape === undefined ? {} : { inputShape });
  } catch (e) {
    return (e as { format?: () => string }).format?.() ?? String(e);
  }
  throw new Error('the import succeeded');
}
