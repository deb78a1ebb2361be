/**
 * Architecture rules that code review would otherwise have to catch.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

describe('architecture', () => {
  it('the language service imports neither vscode nor vscode-languageserver', () => {
    const offenders = files(join(ROOT, 'server', 'src', 'service')).filter((f) =>
      /from\s+['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*)['"]|require\(['"]vscode/.test(readFileSync(f, 'utf8')),
    );
    assert.deepEqual(offenders.map((f) => relative(ROOT, f)), []);
  });

  it('the run engine (server/src/run) imports no editor or LSP package, so the CLI and the extension share it', () => {
    // Types of the protocol (`import type ... from '../protocol'`) are fine: they are erased. A value import of
    // vscode, the language client or the language server would tie the engine to one front end.
    const offenders = files(join(ROOT, 'server', 'src', 'run')).filter((f) =>
      /^import\s+(?!type\b)[^;]*from\s+['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|\.\.\/lsp\/[^'"]*|\.\.\/\.\.\/\.\.\/client\/[^'"]*)['"]|require\(['"]vscode/m.test(readFileSync(f, 'utf8')),
    );
    assert.deepEqual(offenders.map((f) => relative(ROOT, f)), []);
    // And the extension's runner folder keeps only adapters: nothing there runs without vscode but the Run panel's
    // pure view helpers, which the panel and its tests share.
    const pureInClient = files(join(ROOT, 'client', 'src', 'runner'))
      .filter((f) => !/from\s+['"]vscode['"]/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(join(ROOT, 'client', 'src', 'runner'), f).split('\\').join('/'))
      .sort();
    assert.deepEqual(pureInClient, ['lenses.ts', 'panelHtml.ts', 'panelMessages.ts', 'runState.ts', 'statusText.ts']);
  });

  it('every rule module is listed in the registry', () => {
    const dir = join(ROOT, 'server', 'src', 'service', 'rules');
    const registry = readFileSync(join(dir, 'index.ts'), 'utf8');
    const ruleModules = readdirSync(dir).filter((f) => f.endsWith('.ts') && /export const rule\b/.test(readFileSync(join(dir, f), 'utf8')));
    const unlisted = ruleModules.filter((f) => !registry.includes(`'./${f.replace(/\.ts$/, '')}'`));
    assert.deepEqual(unlisted, []);
  });

  it('no gray-matter call with default engines in shipped code (---js would be evaluated)', () => {
    const offenders = [...files(join(ROOT, 'server', 'src')), ...files(join(ROOT, 'client', 'src'))].filter((f) =>
      /from\s+['"]gray-matter['"]|require\(['"]gray-matter['"]\)/.test(readFileSync(f, 'utf8')),
    );
    assert.deepEqual(offenders.map((f) => relative(ROOT, f)), []);
  });

  it('files are read only through files/boundedRead.ts, but for the few reads listed here with their reason', () => {
    // What a read looks like: node:fs's reading calls and VS Code's workspace.fs.readFile.
    const READ = /\b(readFileSync|readFile|createReadStream|readSync|openSync)\s*\(/g;
    const ALLOWED: Record<string, { calls: string[]; why: string }> = {
      'server/src/files/boundedRead.ts': { calls: ['openSync', 'readSync'], why: 'the bounded read itself' },
      'server/src/run/scripts.ts': {
        calls: ['readFileSync', 'readFileSync'],
        why: "a script's exit code and pid files, in the extension's private 0700 temporary folder, written by its own wrapper",
      },
      'server/src/run/runLog.ts': {
        calls: ['openSync', 'openSync', 'openSync', 'readSync'],
        why: 'the writer creates (wx) and appends (O_APPEND, O_NOFOLLOW) to its logs, and reads the last byte of one before appending',
      },
      'server/src/shell/bashParser.ts': {
        calls: ['readFileSync'],
        why: "the bash grammar's WASM file, shipped next to the bundle (or in its package when run from source)",
      },
    };
    const found: Record<string, string[]> = {};
    for (const file of [...files(join(ROOT, 'server', 'src')), ...files(join(ROOT, 'client', 'src'))]) {
      const calls = [...readFileSync(file, 'utf8').matchAll(READ)].map((m) => m[1]);
      if (calls.length > 0) found[relative(ROOT, file).split('\\').join('/')] = calls;
    }
    assert.deepEqual(found, Object.fromEntries(Object.entries(ALLOWED).map(([file, { calls }]) => [file, calls])));
  });
});
