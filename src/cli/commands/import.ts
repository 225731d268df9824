import type { Argv, CommandModule } from 'yargs';
import { importMemspecCommand } from './import-memspec.js';
import { importNvmexplorerCommand } from './import-nvmexplorer.js';
import { importNvsimCommand } from './import-nvsim.js';
import { importOnnxCommand } from './import-onnx.js';
import { importScalesimCommand } from './import-scalesim.js';
import type { CliIo } from '../io.js';

/**
 * `maxnvm import <kind>`: read figures another tool produced into a config fragment ({ "envm": ... } or
 * { "dram": ... }), checked against the config schema; or a network (ONNX, SCALE-Sim topology) into a trace.
 * One file per kind (import-<kind>.ts); add a kind by adding its file and one line below.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const KINDS: ((io: CliIo) => CommandModule<any, any>)[] = [importNvsimCommand, importNvmexplorerCommand, importMemspecCommand, importOnnxCommand, importScalesimCommand];

/** Its command string, description and flag list are in commands/index.ts (known without loading this module). */
export const importCommand = (io: CliIo): CommandModule => ({
  builder: (y: Argv) => KINDS.map((k) => k(io)).reduce((acc, k) => acc.command(k), y).demandCommand(1, `name what to import: ${KINDS.map((k) => String(k(io).command).split(' ')[0]).join(', ')}`),
  handler: () => undefined,
});
