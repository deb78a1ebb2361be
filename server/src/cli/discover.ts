/**
 * Which files `wfs lint` looks at: named files as they are, folders walked for Markdown and YAML
 * workflow files, and globs expanded. Config `include`/`exclude` globs apply to folders and globs.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
// `require` on purpose: the bundle is CommonJS, and tinyglobby's ESM build pulls in fdir's ESM build, which
// needs `import.meta.url` that a CommonJS bundle does not have.
import tinyglobby = require('tinyglobby');
import type { GlobSet } from '../service/glob';
import { workflowKind } from '../service/parse/kind';

export interface Candidate {
  absPath: string;
  /** Indexes of the command-line inputs that named or found the file. */
  inputs: number[];
  /**
   * 'explicit': named on the command line, always linted. 'markdown': found in a folder, linted.
   * 'yaml': found in a folder, linted only if its text makes it a workflow definition.
   * 'glob': matched by a glob, linted if its name or text makes it a workflow document.
   */
  how: 'explicit' | 'markdown' | 'yaml' | 'glob';
}

export interface DiscoveryOptions {
  cwd: string;
  /** The folder `include`/`exclude` globs are relative to. */
  baseDir: string;
  include?: GlobSet;
  exclude?: GlobSet;
}

export class MissingPathError extends Error {}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/** Finds the candidate files for the inputs; throws MissingPathError for a path that does not exist. */
export function discoverFiles(inputs: readonly string[], options: DiscoveryOptions): Candidate[] {
  const seen = new Map<string, Candidate>();
  const out: Candidate[] = [];
  const add = (absPath: string, input: number, how: Candidate['how']): void => {
    const known = seen.get(absPath);
    if (known) {
      // Linted once, but it still counts as found for every input that reached it.
      if (!known.inputs.includes(input)) known.inputs.push(input);
      if (how === 'explicit') known.how = how;
      return;
    }
    const candidate: Candidate = { absPath, inputs: [input], how };
    seen.set(absPath, candidate);
    out.push(candidate);
  };
  const filtered = (options.exclude?.size ?? 0) > 0 || (options.include?.size ?? 0) > 0;
  const wanted = (absPath: string): boolean => {
    if (!filtered) return true;
    const rel = relativePath(options.baseDir, absPath);
    if (options.exclude && options.exclude.size > 0 && options.exclude.matches(rel)) return false;
    if (options.include && options.include.size > 0 && !options.include.matches(rel)) return false;
    return true;
  };

  inputs.forEach((input, index) => {
    const abs = resolve(options.cwd, input);
    if (existsSync(abs)) {
      if (!statSync(abs).isDirectory()) {
        add(abs, index, 'explicit');
        return;
      }
      const found = tinyglobby.globSync(['**/*.{md,markdown}', '**/*.{yaml,yml}'], {
        cwd: abs,
        absolute: true,
        dot: true,
        ignore: ALWAYS_IGNORED,
        followSymbolicLinks: false,
      });
      for (const file of found.map(normalizeGlobResult).sort()) {
        if (wanted(file)) add(file, index, /\.ya?ml$/i.test(file) ? 'yaml' : 'markdown');
      }
      return;
    }
    if (!tinyglobby.isDynamicPattern(input)) throw new MissingPathError(`no such file or directory: ${input}`);
    const matched = tinyglobby.globSync(toSlash(input), { cwd: options.cwd, absolute: true, dot: true, ignore: ALWAYS_IGNORED, followSymbolicLinks: false });
    for (const file of matched.map(normalizeGlobResult).sort()) {
      if (wanted(file)) add(file, index, 'glob');
    }
  });
  return out;
}

/**
 * Whether a found file is linted, once its text is read: a YAML file found in a folder must be a workflow
 * definition and a glob's match a workflow document (by name, or by content for YAML); a named file or a
 * Markdown file found in a folder always is.
 */
export function isWorkflowCandidate(candidate: Candidate, text: string): boolean {
  if (candidate.how === 'yaml') return workflowKind(candidate.absPath, text) === 'yaml';
  if (candidate.how === 'glob') return workflowKind(candidate.absPath, text) !== undefined;
  return true;
}

/** tinyglobby's absolute results use forward slashes; only Windows needs them turned back. */
function normalizeGlobResult(path: string): string {
  return sep === '/' ? path : resolve(path);
}

export function toSlash(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * A POSIX path that path.resolve and pathToFileURL leave as it is: absolute, only letters, digits and `/._-`,
 * no empty, `.` or `..` segment (no `//` or `/.` at all) and no trailing slash. `from` is where to start.
 */
function isPlainPath(path: string, from = 0): boolean {
  if (path.charCodeAt(path.length - 1) === 47) return false;
  for (let i = from; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 47) {
      const next = path.charCodeAt(i + 1);
      if (next === 47 || next === 46) return false;
    } else if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 45 && c <= 57) || c === 95)) return false;
  }
  return true;
}

/** The last `from` of relativePath found plain (one lint run asks with the same folder thousands of times). */
let plainBase = '';

function isPlainBase(from: string): boolean {
  if (from === plainBase) return true;
  if (from.length < 2 || !isAbsolute(from) || !isPlainPath(from)) return false;
  plainBase = from;
  return true;
}

/**
 * toSlash(relative(from, to)). A plain path below a plain `from` (every file of a usual lint run) is its tail
 * after `from/`: path.relative would resolve both paths again for each of thousands of files.
 */
export function relativePath(from: string, to: string): string {
  if (sep === '/' && isPlainBase(from) && to.length > from.length + 1 && to.charCodeAt(from.length) === 47 && to.startsWith(from) && isPlainPath(to, from.length)) {
    return to.slice(from.length + 1);
  }
  return toSlash(relative(from, to));
}

/** pathToFileURL(path).href; a plain absolute path (see isPlainPath) needs no escaping and is its own URL path. */
export function fileUrl(path: string): string {
  if (sep === '/' && path.length > 1 && path.charCodeAt(0) === 47 && isPlainPath(path)) return `file://${path}`;
  return pathToFileURL(path).href;
}
