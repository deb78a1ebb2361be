// Bundles the extension client, the language server and the CLI with esbuild (CommonJS, `vscode` external).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

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
