import type { CommandModule } from 'yargs';
import { describeCommand } from './describe.js';
import { mainCommand } from './main.js';
import { SIMULATE_FLAGS, simulateCommand } from './simulate.js';
import { SIZE_FLAGS, sizeCommand } from './size.js';
import { FAULTS_FLAGS, faultsCommand } from './faults.js';
import { SWEEP_FLAGS, sweepCommand } from './sweep.js';
import { REPORT_FLAGS, reportCommand } from './report.js';
import { validateCommand } from './validate.js';
import { IMPORT_FLAGS, importCommand } from './import.js';
import { MERGE_FLAGS, mergeCommand } from './merge.js';
import { PARETO_FLAGS, paretoCommand } from './pareto.js';
import type { CliIo } from '../io.js';

/** A CLI command and its flags (the flags feed "did you mean --x?" suggestions). */
export interface CliCommand {
  name: string;
  flags: string[];
  /** Flags that may be given more than once (their values add up); every other flag takes one value. */
  repeatable?: string[];
  /** The yargs command, printing to the streams it is given. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  module: (io: CliIo) => CommandModule<any, any>;
}

export const commands: CliCommand[] = [
  { name: 'simulate', flags: SIMULATE_FLAGS, repeatable: ['fps'], module: simulateCommand },
  { name: 'size', flags: SIZE_FLAGS, module: sizeCommand },
  { name: 'sweep', flags: SWEEP_FLAGS, repeatable: ['arch', 'trace', 'fps', 'set'], module: sweepCommand },
  { name: 'faults', flags: FAULTS_FLAGS, module: faultsCommand },
  { name: 'merge', flags: MERGE_FLAGS, module: mergeCommand },
  { name: 'pareto', flags: PARETO_FLAGS, module: paretoCommand },
  { name: 'report', flags: REPORT_FLAGS, module: reportCommand },
  { name: 'validate', flags: [], module: validateCommand },
  { name: 'describe', flags: ['format'], module: describeCommand },
  { name: 'main', flags: [], module: mainCommand },
  { name: 'import', flags: IMPORT_FLAGS, repeatable: ['row'], module: importCommand },
];
