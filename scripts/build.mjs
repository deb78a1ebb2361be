// Bundles the extension client, the language server and the CLI with esbuild (CommonJS, `vscode` external).
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const entries = [
  { in: 'client/src/extension.ts', out: 'client' },
  { in: 'server/src/lsp/server.ts', out: 'server' },
  { in: 'server/src/cli.ts', out: 'cli' },
].filter((e) => existsSync(e.in));

await esbuild.build({
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
});

// The bash parser's WASM files are read at run time (server/src/shell/bashParser.ts looks next to the bundle).
const require = createRequire(import.meta.url);
mkdirSync('dist', { recursive: true });
for (const file of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm']) {
  copyFileSync(require.resolve(file), `dist/${file.split('/')[1]}`);
}
