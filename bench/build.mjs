// Bundles the benchmarks (bench/bench.ts, the service; bench/lsp-bench.ts, the language server over the
// protocol; bench/run-bench.ts, the runner) to dist/bench.js, dist/lsp-bench.js and dist/run-bench.js. The peers bench.ts measures against stay external so they
// run as published.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: [
    { in: 'bench/bench.ts', out: 'bench' },
    { in: 'bench/lsp-bench.ts', out: 'lsp-bench' },
    { in: 'bench/run-bench.ts', out: 'run-bench' },
  ],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode', 'markdown-it', 'markdownlint', 'markdownlint/*', 'gray-matter', 'yaml-language-server/*'],
  sourcemap: true,
  logLevel: 'warning',
});
