import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { temporarySibling } from '../../util/atomic-write.js';
import type { DramCommandSink, TraceCommandName } from './commands.js';

/**
 * DRAMPower command traces (`--dram-trace`), one CSV per channel, in the format
 * DRAMPower's CLI parses (tukl-msd/DRAMPower src/cli/lib/DRAMPower/cli/run.cpp,
 * parse_command_list; command names from src/DRAMPower/DRAMPower/command/CmdType.h):
 *
 *   cycle,CMD,rank,bankgroup,bank,row,column[,data]
 *
 * - no header line; spaces around fields are trimmed; `cycle` is in clock cycles;
 * - names: ACT PRE PREA REFA RD WR PDEA PDEP PDXA PDXP SREFEN SREFEX, and END
 *   on the last line (DRAMPower evaluates energy up to the last command's time);
 * - RD and WR (and RDA/WRA) must carry an eighth field, the burst's data as an
 *   even-length hex string (optional 0x); lines without it are rejected. Data
 *   values are not simulated here, so every burst is written as zeros: core
 *   energy does not depend on them, DRAMPower's data-dependent interface
 *   (toggle) energy will not be comparable;
 * - LPDDR4 has one rank and no bank groups: both fields are 0.
 * Supply off/on (POWER_OFF/POWER_ON) has no DRAMPower command and is not
 * written; DRAMPower will count such a gap as precharge standby.
 */
export class DrampowerTraceWriter implements DramCommandSink {
  private readonly buffers = new Map<number, string[]>();
  /** Channels with commands and no END yet, with their last command cycle. */
  private readonly open = new Map<number, number>();
  private readonly zeros: string;

  /**
   * @param write receives text for one channel's trace, in order
   * @param burstBytes bytes per burst, for the data field (32 for x16 BL16)
   * @param ended called after a channel's END line has been written
   */
  constructor(
    private readonly write: (channel: number, text: string) => void,
    burstBytes = 32,
    private readonly ended: (channel: number) => void = () => {},
    private readonly chunkLines = 4096,
  ) {
    this.zeros = '00'.repeat(burstBytes);
  }

  command(channel: number, cycle: number, name: TraceCommandName, bank: number, row: number, column: number): void {
    if (name === 'POWER_OFF' || name === 'POWER_ON') return;
    const data = name === 'RD' || name === 'WR' ? `,${this.zeros}` : '';
    this.push(channel, `${cycle},${name},0,0,${bank},${row},${column}${data}`);
    this.open.set(channel, cycle);
  }

  end(channel: number, cycle: number): void {
    this.push(channel, `${cycle},END,0,0,0,0,0`);
    this.flush(channel);
    this.open.delete(channel);
    this.ended(channel);
  }

  /** END every channel not ended yet, at its last command. */
  endAll(): void {
    for (const [channel, last] of [...this.open]) this.end(channel, last);
  }

  private push(channel: number, line: string): void {
    let buf = this.buffers.get(channel);
    if (buf === undefined) this.buffers.set(channel, (buf = []));
    buf.push(line);
    if (buf.length >= this.chunkLines) this.flush(channel);
  }

  private flush(channel: number): void {
    const buf = this.buffers.get(channel);
    if (buf === undefined || buf.length === 0) return;
    this.write(channel, buf.join('\n') + '\n');
    buf.length = 0;
  }
}

/** The file of channel `ch`: `path` itself when there is one channel, else `name.chN.ext`. */
export function channelTracePath(path: string, ch: number, channels: number): string {
  if (channels === 1) return path;
  const dot = path.lastIndexOf('.');
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return dot > slash ? `${path.slice(0, dot)}.ch${ch}${path.slice(dot)}` : `${path}.ch${ch}`;
}

/**
 * `--dram-trace <path>`: traces written to files as the simulation runs, one per
 * channel (see channelTracePath). A channel's trace is written to a temporary
 * sibling from its first command and renamed to its name at its END line
 * (Lpddr4Memory.endTrace), so an interrupted run never leaves a half trace
 * under the final name; `close()` ends and renames the rest, each at its last
 * command; `discard()` deletes what a failed run wrote.
 */
export class DramTraceFiles implements DramCommandSink {
  /** Files opened so far, by their final names. */
  readonly files: string[] = [];
  private readonly open = new Map<number, { fd: number; file: string; tmp: string }>();
  private readonly csv: DrampowerTraceWriter;

  constructor(
    readonly path: string,
    readonly channels: number,
    burstBytes = 32,
  ) {
    this.csv = new DrampowerTraceWriter((ch, text) => writeSync(this.fd(ch), text), burstBytes, (ch) => this.closeFile(ch));
  }

  command(channel: number, cycle: number, name: TraceCommandName, bank: number, row: number, column: number): void {
    this.csv.command(channel, cycle, name, bank, row, column);
  }

  end(channel: number, cycle: number): void {
    this.csv.end(channel, cycle);
  }

  close(): void {
    this.csv.endAll();
  }

  /** The run failed: close and delete every trace of it, finished or not. */
  discard(): void {
    for (const { fd, tmp } of this.open.values()) {
      closeSync(fd);
      rmSync(tmp, { force: true });
    }
    this.open.clear();
    for (const file of this.files) rmSync(file, { force: true });
  }

  private fd(ch: number): number {
    let f = this.open.get(ch);
    if (f === undefined) {
      const file = channelTracePath(this.path, ch, this.channels);
      const tmp = temporarySibling(file);
      f = { fd: openSync(tmp, 'w'), file, tmp };
      this.open.set(ch, f);
      this.files.push(file);
    }
    return f.fd;
  }

  private closeFile(ch: number): void {
    const f = this.open.get(ch);
    if (f === undefined) return;
    closeSync(f.fd);
    renameSync(f.tmp, f.file);
    this.open.delete(ch);
  }
}

export function drampowerTraceFiles(path: string, channels: number, burstBytes = 32): DramTraceFiles {
  return new DramTraceFiles(path, channels, burstBytes);
}
