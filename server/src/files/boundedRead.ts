/**
 * Bounded, confined file reads: the one way the language server, the CLI and the extension read a file they did
 * not write themselves. Linting runs in untrusted workspaces and in CI, so a name may be a symlink to /dev/zero
 * or a FIFO, and a path in `.wfs.json` may point out of the repository. A read here therefore
 * - resolves the path (realpath) and, when it is given folders, refuses one that lands outside them before
 *   anything is opened;
 * - opens without blocking (opening a FIFO would wait for a writer) and checks on the opened descriptor that it
 *   is a regular file, so a file swapped after a check is still caught;
 * - reads at most the limit plus one byte, and refuses a file over the limit instead of cutting it (a cut
 *   template or config would mean something else).
 * Pure Node (`node:fs`): no vscode, no LSP.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ReadLimit {
  bytes: number;
  /** What the files are, in the plural, for messages: "templates". */
  what: string;
}

/** How large each kind of file may be. A file over its limit gets a message that says so, and is not read. */
export const READ_LIMITS = {
  config: { bytes: 1_000_000, what: 'config files' },
  template: { bytes: 1_000_000, what: 'templates' },
  /** Workflow documents: ten times the largest real runbook seen, and far more than a person edits. */
  document: { bytes: 8_000_000, what: 'workflow documents' },
  runLog: { bytes: 8_000_000, what: 'run logs' },
  envFile: { bytes: 1_000_000, what: '.env files' },
  /** A generated workflow file (`wfs export`): compared with what the export writes, never run. */
  exported: { bytes: 1_000_000, what: 'generated workflow files' },
} as const satisfies Record<string, ReadLimit>;

export type ReadFailure = 'missing' | 'not-a-file' | 'too-large' | 'outside' | 'unreadable';

/** Why a file was not read; the message is a phrase for after "cannot read <file>: " or "<file>: skipped: ". */
export class FileReadError extends Error {
  constructor(
    readonly reason: ReadFailure,
    message: string,
  ) {
    super(message);
    this.name = 'FileReadError';
  }
}

export interface Confinement {
  /** Folders the file's real path must be inside (or equal to, for a folder). */
  roots: readonly string[];
  /** The folders in words, for the message: "the workspace folder". */
  what: string;
}

// Neither exists on Windows, where FIFOs and symlinks to devices are not what a workspace can plant.
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

export interface ReadOptions {
  /** The file's real path must be inside one of these folders (a symlink inside the workspace to a file inside it is fine). */
  within?: Confinement;
  /**
   * Refuse a symlink where the file is (O_NOFOLLOW): for files a folder walk found, which lists no symlinks, so
   * one there now was swapped in after the walk.
   */
  noFollow?: boolean;
}

/** The bytes of `file`, at most `limit.bytes` of them. Throws FileReadError. */
export function readBounded(file: string, limit: ReadLimit, options: ReadOptions = {}): Buffer {
  let target = file;
  let flags = fs.constants.O_RDONLY | O_NONBLOCK;
  if (options.within) {
    target = confinedPath(file, options.within);
    // The real path has no symlink left: one that appears there now is a swap, and is not followed.
    flags |= O_NOFOLLOW;
  }
  if (options.noFollow) flags |= O_NOFOLLOW;
  let fd: number;
  try {
    fd = fs.openSync(target, flags);
  } catch (e) {
    throw fromErrno(e);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new FileReadError('not-a-file', notAFile(stat));
    if (stat.size > limit.bytes) throw tooLarge(limit, stat.size);
    return readAtMost(fd, limit, stat.size);
  } catch (e) {
    throw e instanceof FileReadError ? e : fromErrno(e);
  } finally {
    fs.closeSync(fd);
  }
}

/** `readBounded` as UTF-8 text (invalid bytes become U+FFFD), without a leading byte order mark. */
export function readBoundedText(file: string, limit: ReadLimit, options: ReadOptions = {}): string {
  const text = readBounded(file, limit, options).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The real path of `file` when it is inside one of the roots (compared by real path too); throws FileReadError
 * ('outside') otherwise, and ('missing') when it does not exist.
 */
export function confinedPath(file: string, within: Confinement): string {
  let real: string;
  try {
    real = fs.realpathSync.native(file);
  } catch (e) {
    throw fromErrno(e);
  }
  if (!isInsideAny(real, within.roots.map(realPathOf))) {
    throw new FileReadError('outside', `the path resolves outside ${within.what}; it is not read`);
  }
  return real;
}

/**
 * The real path of `p`, which need not exist yet: the real path of its nearest existing ancestor, with the rest
 * appended (a log folder that a first run will create is judged by where it would be).
 */
export function realPathOf(p: string): string {
  const missing: string[] = [];
  let current = path.resolve(p);
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(current), ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.join(current, ...missing.reverse());
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

/** Whether `p` is `folder` or inside it (plain path comparison: give real paths for a real answer). */
export function isInside(folder: string, p: string): boolean {
  const rel = path.relative(folder, p);
  // `..x` is a name inside; only `..` itself, or `..` and a separator, leaves the folder.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function isInsideAny(p: string, folders: readonly string[]): boolean {
  return folders.some((folder) => isInside(folder, p));
}

/** Reads to the end, refusing the file once more than `limit.bytes` arrive (it may grow after the fstat). */
function readAtMost(fd: number, limit: ReadLimit, expected: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  // One read of the whole file (and one that finds the end) in the usual case.
  let want = Math.min(expected, limit.bytes) + 1;
  for (;;) {
    const chunk = Buffer.allocUnsafe(want);
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > limit.bytes) throw tooLarge(limit);
    want = Math.min(64 * 1024, limit.bytes + 1 - total);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

function tooLarge(limit: ReadLimit, size?: number): FileReadError {
  let actual = '';
  if (size !== undefined) {
    // Just over the limit, the rounded size would read as the limit itself: give the bytes then.
    actual = `${formatSize(size) === formatSize(limit.bytes) ? `${size} bytes` : formatSize(size)}, `;
  }
  return new FileReadError('too-large', `${actual}over the ${formatSize(limit.bytes)} limit for ${limit.what}`);
}

function notAFile(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'is a folder';
  const kind = stat.isCharacterDevice()
    ? 'a character device'
    : stat.isBlockDevice()
      ? 'a block device'
      : stat.isFIFO()
        ? 'a FIFO'
        : stat.isSocket()
          ? 'a socket'
          : 'not a file';
  return `not a regular file (${kind})`;
}

function fromErrno(e: unknown): FileReadError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new FileReadError('missing', 'no such file');
  if (code === 'EISDIR') return new FileReadError('not-a-file', 'is a folder');
  // ELOOP: O_NOFOLLOW met a symlink (swapped in after the walk or the realpath).
  if (code === 'ELOOP') return new FileReadError('not-a-file', 'not a regular file (a symbolic link)');
  return new FileReadError('unreadable', code ?? (e instanceof Error ? e.message : String(e)));
}

/** `950 bytes`, `12.3 kB`, `1 MB`, `5.4 MB` (decimal units, as the limits are set). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const [value, unit] = bytes < 1_000_000 ? [bytes / 1000, 'kB'] : [bytes / 1_000_000, 'MB'];
  return `${Number(value.toFixed(1))} ${unit}`;
}
