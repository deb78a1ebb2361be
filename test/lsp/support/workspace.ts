/** A temporary workspace folder for a protocol test: files written by relative path, their URIs, removal. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface TempWorkspace {
  readonly dir: string;
  uriOf(name: string): string;
  write(name: string, text: string): void;
  remove(): void;
}

export function tempWorkspace(prefix: string): TempWorkspace {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    uriOf: (name) => pathToFileURL(join(dir, name)).toString(),
    write(name, text) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
