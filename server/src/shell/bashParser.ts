/**
 * Loads web-tree-sitter and the tree-sitter-bash grammar (WASM), once, on first use, for the language server and
 * the CLI. The built bundles find both WASM files next to themselves in dist/ (scripts/build.mjs copies them there);
 * run from source (tests under tsx) they come from node_modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
// Required, not imported: esbuild would bundle the package's ES module build, which locates its WASM through
// `import.meta.url`, empty in a CommonJS bundle.
import treeSitter = require('web-tree-sitter');
import type { ShellParser, ShellTree } from '../service/shell/types';

const RUNTIME_WASM = 'web-tree-sitter.wasm';
const GRAMMAR_WASM = 'tree-sitter-bash.wasm';

let loading: Promise<ShellParser> | undefined;
let loaded: ShellParser | undefined;

/** Where a WASM file is: next to the running bundle, else in its package. */
export function wasmPath(file: typeof RUNTIME_WASM | typeof GRAMMAR_WASM): string {
  const bundled = join(__dirname, file);
  if (existsSync(bundled)) return bundled;
  return require.resolve(file === RUNTIME_WASM ? 'web-tree-sitter/web-tree-sitter.wasm' : 'tree-sitter-bash/tree-sitter-bash.wasm');
}

/** The bash parser, loading it the first time (later calls share the same promise). Rejects when a WASM file is missing. */
export function loadBashParser(): Promise<ShellParser> {
  loading ??= (async () => {
    // Baseline (Liftoff) code only. V8 otherwise compiles the grammar again with TurboFan on background threads,
    // and the main thread waits for that work: every `wfs` command then took about half a second longer, and a
    // `wfs run` step that ran `true` took 500 ms instead of 13 (measured by the run bench). Set before the first
    // WebAssembly module of the process is compiled.
    setFlagsFromString('--liftoff-only');
    await treeSitter.Parser.init({ locateFile: () => wasmPath(RUNTIME_WASM) });
    const language = await treeSitter.Language.load(readFileSync(wasmPath(GRAMMAR_WASM)));
    const parser = new treeSitter.Parser();
    parser.setLanguage(language);
    loaded = {
      parse: (text: string): ShellTree | undefined => parser.parse(text) ?? undefined,
    };
    return loaded;
  })();
  return loading;
}

/** The bash parser if it is loaded already (the service asks synchronously). */
export function loadedBashParser(): ShellParser | undefined {
  return loaded;
}
