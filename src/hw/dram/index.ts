/** LPDDR4 DRAM: public API for the system builder and the CLI. */
export { dramSpec, IDLE_POLICIES, ENERGY_TERMS, RESIDENCY_KEYS, COMMAND_COUNT_KEYS } from './spec.js';
export type { DramParams, DramIdlePolicy, EnergyTerm, ResidencyKey, CommandCountKey } from './spec.js';
export { validateDramParams } from './validate.js';
export { Lpddr4Memory, type Lpddr4Options } from './lpddr4-memory.js';
export { Lpddr4Channel, type ChannelOptions } from './channel.js';
export { Cmd, cmdName, type DramCmd, type DramCommandSink, type TraceCommandName } from './commands.js';
export { DramTimingError, DramStateError, type Violation } from './timing-rules.js';
export type { TimingRule, DramTiming } from './timing.js';
export { DrampowerTraceWriter, DramTraceFiles, drampowerTraceFiles, channelTracePath } from './drampower-trace.js';
