/**
 * Where a command prints. The binary passes the process's streams; tests pass buffers and run the CLI in-process
 * through the same entry point (`run` in main.ts).
 */
export interface CliStream {
  write(text: string): boolean;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
}

export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

/** A command that printed its own report and ends with a non-zero status (validate: some files failed). */
export class ExitStatus extends Error {
  constructor(readonly code: number) {
    super(`exit status ${code}`);
  }
}
