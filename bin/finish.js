// Exit with the command's status once stdout and stderr have handed over everything written: process.exit()
// alone drops what a pipe has not taken yet (`maxnvm simulate --format json | wc -c` stopped at 64 KiB).
const flushed = (stream) => new Promise((resolve) => stream.write('', () => resolve()));

export async function finish(code) {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}
