// Bundles the benchmarks (bench/bench.ts, the service; bench/lsp-bench.ts, the language server over the
// protocol) to dist/bench.js and dist/lsp-bench.js. The peers bench.ts measures against stay external so they
// run as published.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: [
    { in: 'bench/bench.ts', out: 'bench' },
    { in: 'bench/lsp-bench.ts', out: 'lsp-bench' },
  ],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode', 'markdown-it', 'markdownlint', 'markdownlint/*', 'gray-matter'],
  sourcemap: true,
  logLevel: 'warning',
});
