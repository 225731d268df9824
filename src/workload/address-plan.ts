import { NETWORK_INPUT } from './trace-consistency.js';
import { outputElements, inputElements, type Trace } from './layer.js';
import { tensorBytes } from './liveness.js';

/**
 * Where each activation tensor lives in the feature memory: a bump allocation
 * in trace order, each tensor aligned to `align_B`, starting at `base_B`.
 * In DRAM every tensor gets its own region (DRAM is large); in an on-chip SRAM
 * the offsets wrap around its capacity, which only affects bank mapping, since
 * the liveness check has already proved that the live tensors fit.
 */
export function planTensorAddresses(
  trace: Trace,
  base_B: number,
  align_B: number,
  wrap_B?: number,
): (tensor: string) => number {
  const addr = new Map<string, number>();
  let next = base_B;
  const place = (name: string, bytes: number): void => {
    const at = wrap_B === undefined ? next : base_B + ((next - base_B) % wrap_B);
    addr.set(name, at);
    next += Math.ceil(bytes / align_B) * align_B;
  };
  const first = trace.layers.find((l) => l.inputs.includes(NETWORK_INPUT));
  if (first !== undefined) place(NETWORK_INPUT, tensorBytes(inputElements(first), trace.activationBits));
  for (const l of trace.layers) place(l.name, tensorBytes(outputElements(l), trace.activationBits));
  return (tensor) => {
    const a = addr.get(tensor);
    if (a === undefined) throw new Error(`no address for tensor ${tensor}`);
    return a;
  };
}
