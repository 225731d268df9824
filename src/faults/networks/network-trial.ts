/**
 * A campaign trial over a prepared network: inject faults into every layer's
 * encoded streams, decode, compare, and (when the network has a data set)
 * measure accuracy with the decoded weights.
 *
 * A trial whose decoded weights all equal the originals (no fault, or every
 * fault corrected by ECC or landing on bits the decoder never reads) has the
 * fault-free accuracy: inference is deterministic, so it is not run again.
 */

import type { AccuracyCount, LayerWeights } from '../../ml/inference.js';
import type { TrialRunner } from '../campaign/campaign.js';
import type { TrialOutcome } from '../campaign/trial.js';
import { injectNetwork, type NetworkFaultOptions, type PreparedNetwork } from '../inject/inject-network.js';

export interface TrialEvaluator {
  /** Accuracy with the original weights. */
  readonly clean: AccuracyCount;
  /** Accuracy with these weights; may be asynchronous (onnxruntime). */
  count(weights: LayerWeights): AccuracyCount | Promise<AccuracyCount>;
}

export function networkFaultTrial(net: PreparedNetwork, options: NetworkFaultOptions, evaluator?: TrialEvaluator): TrialRunner {
  return {
    run(random) {
      const r = injectNetwork(net, options, random);
      const outcome = (accuracy: AccuracyCount): TrialOutcome => ({
        correct: accuracy.correct,
        total: accuracy.total,
        faultyCells: r.total.faultyCells,
        weights: { total: r.total, layers: r.layers },
      });
      if (evaluator === undefined) return outcome({ correct: 0, total: 0 });
      if (r.total.stats.changed === 0) return outcome(evaluator.clean);
      const counted = evaluator.count(r.weights);
      return counted instanceof Promise ? counted.then(outcome) : outcome(counted);
    },
  };
}
