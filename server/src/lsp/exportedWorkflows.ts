/**
 * Finds the generated file of an open workflow document for the export.stale rule: `.github/workflows/<name>.yml`
 * in the document's workspace folder, when its header names the document. Cheap and bounded: one stat per check,
 * the file read (at most 1 MB, inside the workspace folder) only when its size or time changed.
 */
import { statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LintOptions } from '../service';
import { EXPORT_TARGETS, exportedSource, exportedState, exportName, type ExportedState } from '../service/export';
import { isInside, READ_LIMITS, readBoundedText } from '../files/boundedRead';

interface Cached {
  key: string;
  text: string | undefined;
}

export class ExportedWorkflows {
  private readonly cache = new Map<string, Cached>();

  /** `options` with the document's generated file, when there is one; the same object otherwise. */
  withExported(options: LintOptions, uri: string, folders: readonly string[]): LintOptions {
    const folder = this.folderOf(uri, folders);
    if (folder === undefined) return options;
    const source = relative(folder, fileURLToPath(uri)).split(sep).join('/');
    for (const target of EXPORT_TARGETS) {
      const rel = target.outputPath(exportName(source));
      const text = this.read(join(folder, rel), folder);
      if (text !== undefined && exportedSource(text) === source) return { ...options, exported: { target: target.id, path: rel, source, text } };
    }
    return options;
  }

  /**
   * What is on disk where an export of the document goes (`path` relative to its workspace folder), next to the
   * export's text: missing, or an ExportedState ('unreadable' for a file too large or not a plain file).
   */
  stateOf(uri: string, folders: readonly string[], path: string, expected: string): ExportedState | 'missing' | 'unreadable' {
    const folder = this.folderOf(uri, folders);
    if (folder === undefined) return 'unreadable';
    const file = join(folder, path);
    if (!statSync(file, { throwIfNoEntry: false })) return 'missing';
    const text = this.read(file, folder);
    return text === undefined ? 'unreadable' : exportedState(text, expected);
  }

  /** The workspace folder (a path) of a `file:` document. */
  folderOf(uri: string, folders: readonly string[]): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const path = fileURLToPath(uri);
    return folders.filter((f) => f.startsWith('file:')).map((f) => fileURLToPath(f)).find((f) => isInside(f, path));
  }

  private read(file: string, folder: string): string | undefined {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) {
      this.cache.delete(file);
      return undefined;
    }
    const key = `${stat.size}:${stat.mtimeMs}`;
    const cached = this.cache.get(file);
    if (cached?.key === key) return cached.text;
    let text: string | undefined;
    try {
      text = readBoundedText(file, READ_LIMITS.exported, { within: { roots: [folder], what: 'the workspace folder' } });
    } catch {
      // Too large, not a plain file, outside the folder: not a file this extension wrote.
      text = undefined;
    }
    this.cache.set(file, { key, text });
    return text;
  }
}
