import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { convLayer, poolLayer, tensorOf, type Tensor } from '../../../src/workload/layer-builders.js';
import { checkTraceConsistency } from '../../../src/workload/trace-consistency.js';
import { activationLiveness, tensorBytes } from '../../../src/workload/liveness.js';
import { inputElements, outputElements, type Layer, type Trace } from '../../../src/workload/layer.js';
import { UserError } from '../../../src/errors.js';

/** A random chain of convolutions and pools whose windows fit their inputs. */
function randomChain(seed: number): Trace {
  const rnd = randomStream(seed, 'workload/geometry-property');
  let x: Tensor = { name: 'input', height: 8 + rnd.int(40), width: 8 + rnd.int(40), channels: 1 + rnd.int(16) };
  const layers: Layer[] = [];
  for (let i = 0; i < 2 + rnd.int(6); i++) {
    const kernel = 1 + rnd.int(Math.min(5, x.height, x.width));
    const w = { kernel, stride: 1 + rnd.int(3), padding: rnd.int(kernel) };
    const l = rnd.int(4) === 0 ? poolLayer(`p${i}`, x, rnd.int(2) === 0 ? 'max' : 'avg', w) : convLayer(`c${i}`, x, 1 + rnd.int(32), w);
    layers.push(l);
    x = tensorOf(l);
  }
  return { name: `chain-${seed}`, description: 'random chain', source: 'test', activationBits: 1 + rnd.int(16), layers };
}

describe('geometry and liveness properties on random layer chains (seeded)', () => {
  const seeds = Array.from({ length: 200 }, (_, i) => i);

  it('builder output always passes the consistency checks', () => {
    for (const s of seeds) expect(() => checkTraceConsistency(randomChain(s), `chain-${s}`)).not.toThrow();
  });

  it('an output height off by one is always caught at that layer', () => {
    for (const s of seeds) {
      const t = randomChain(s);
      const i = s % t.layers.length;
      const layers = t.layers.map((l, j) => (j === i ? { ...l, outputHeight: l.outputHeight + 1 } : l));
      let err: unknown;
      try {
        checkTraceConsistency({ ...t, layers }, 'f.json');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UserError);
      // Checks run in trace order, so the wrong layer is reported before its consumer's input-shape check.
      expect((err as UserError).details.jsonPath).toBe(`/layers/${i}/outputHeight`);
    }
  });

  it('in a chain, each step holds exactly its input and its output', () => {
    for (const s of seeds) {
      const t = randomChain(s);
      const live = activationLiveness(t).perLayer.map((p) => p.live_bytes);
      const expected = t.layers.map((l) => tensorBytes(inputElements(l), t.activationBits) + tensorBytes(outputElements(l), t.activationBits));
      expect(live).toEqual(expected);
    }
  });
});
