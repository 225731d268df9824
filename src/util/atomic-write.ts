import { accessSync, constants, mkdirSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, basename, resolve } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Write a file atomically: write a temporary sibling, then rename over the
 * target, so an interrupted run never leaves a half-written result. A path
 * that cannot be written (a file where a folder should be, no permission) is
 * the user's to fix: a UserError naming it.
 */
export function writeFileAtomic(file: string, content: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = temporarySibling(file);
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    throw unwritable(e, file);
  }
}

/** The temporary sibling a file is written to before it is renamed into place. */
export function temporarySibling(file: string): string {
  return join(dirname(file), `.${basename(file)}.tmp-${process.pid}`);
}

/** A file-system error on `path` as a UserError when the path is at fault, else unchanged. */
function unwritable(e: unknown, path: string, flag?: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const userFault = ['EEXIST', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOSPC'];
  if (code === undefined || !userFault.includes(code)) return e;
  return new UserError(`cannot write ${path} (${code})`, {
    ...(flag === undefined ? {} : { jsonPath: flag }),
    expected: 'a path in a folder you can write to',
    suggestion: code === 'ENOSPC' ? 'free some disk space' : 'check the path and its permissions, or choose another',
  });
}

/**
 * Check, before any work, that `dir` can be an output folder: it is a folder
 * already, or it can be created (its nearest existing ancestor is a writable
 * folder). Throws a UserError naming `flag`.
 */
export function checkOutputFolder(dir: string, flag: string): void {
  checkNotEmpty(dir, flag, 'a folder');
  const existing = statOrUndefined(dir);
  if (existing !== undefined) {
    if (!existing.isDirectory()) {
      throw new UserError(`${flag} ${dir} is a file, not a folder`, {
        jsonPath: flag,
        expected: 'a folder (created when missing) for the output files',
        suggestion: `choose a folder name, e.g. ${flag} ${join(dirname(dir), `${basename(dir)}-out`)}`,
      });
    }
    checkWritable(dir, dir, flag);
    return;
  }
  let ancestor = dirname(resolve(dir));
  let st = statOrUndefined(ancestor);
  while (st === undefined && dirname(ancestor) !== ancestor) {
    ancestor = dirname(ancestor);
    st = statOrUndefined(ancestor);
  }
  if (st !== undefined && !st.isDirectory()) {
    throw new UserError(`${flag} ${dir}: ${ancestor} is a file, so the folder cannot be created`, {
      jsonPath: flag,
      expected: 'a folder path whose parents are folders',
      suggestion: 'choose another output folder',
    });
  }
  checkWritable(ancestor, dir, flag);
}

/**
 * Check, before any work, that `file` can be written: its folder exists and is
 * writable, and the path is not a folder. Throws a UserError naming `flag`.
 */
export function checkOutputFile(file: string, flag: string): void {
  checkNotEmpty(file, flag, 'a file');
  const parent = dirname(resolve(file));
  const st = statOrUndefined(parent);
  if (st === undefined || !st.isDirectory()) {
    throw new UserError(`${flag} ${file}: folder ${dirname(file)} does not exist`, {
      jsonPath: flag,
      expected: 'a file in an existing folder',
      suggestion: `create the folder first (mkdir -p ${dirname(file)}), or choose another path`,
    });
  }
  if (statOrUndefined(file)?.isDirectory() === true) {
    throw new UserError(`${flag} ${file} is a folder, not a file`, {
      jsonPath: flag,
      expected: 'a file name',
      suggestion: `name a file in it, e.g. ${flag} ${join(file, 'dram.trace')}`,
    });
  }
  checkWritable(parent, file, flag);
}

/** An empty path would resolve to the current folder: refuse it rather than write there. */
function checkNotEmpty(path: string, flag: string, what: string): void {
  if (path.trim() !== '') return;
  throw new UserError(`${flag} is empty (${JSON.stringify(path)})`, {
    jsonPath: flag,
    expected: `${what} path`,
    suggestion: `name one, e.g. ${flag} ${what === 'a folder' ? 'out/run1' : 'out/dram.trace'}`,
  });
}

function checkWritable(dir: string, target: string, flag: string): void {
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UserError(`${flag} ${target}: folder ${dir} is not writable`, {
      jsonPath: flag,
      expected: 'a path in a folder you can write to',
      suggestion: 'choose another path, or fix the folder permissions',
    });
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Stable JSON: 2-space indent, newline at the end; key order is the object's insertion order. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
