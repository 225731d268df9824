import { UserError } from '../../../errors.js';
import { configKey } from './config-keys.js';
import { checkedValues, type GridAxis } from './set-values.js';

export type { GridAxis };

/**
 * Check a grid's axes as a whole before anything is loaded: every key is a
 * config key, every value valid for it, no key twice, and no key that another
 * flag already sweeps.
 */
export function checkAxes(axes: readonly GridAxis[], policiesFlag: boolean): GridAxis[] {
  const seen = new Set<string>();
  return axes.map((axis) => {
    const where = `--set ${axis.key}`;
    const k = configKey(axis.key, where);
    if (seen.has(axis.key)) throw new UserError(`${where}: the key is set twice`, { jsonPath: where, expected: 'each key once (list all its values in one --set)', suggestion: `e.g. --set ${axis.key}=a,b,c` });
    seen.add(axis.key);
    if (policiesFlag && axis.key === 'dram.idlePolicy') {
      throw new UserError(`${where}: --policies already sweeps the DRAM idle policy`, { jsonPath: where, expected: 'the policy swept by one of --policies or --set dram.idlePolicy', suggestion: 'drop one of them' });
    }
    return { key: axis.key, values: checkedValues(k, axis.values, where) };
  });
}
