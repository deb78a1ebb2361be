// Bundles the benchmark (bench/bench.ts) to dist/bench.js. The peers it measures against stay external so
// they run as published.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['bench/bench.ts'],
  outfile: 'dist/bench.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode', 'markdown-it', 'markdownlint', 'markdownlint/*', 'gray-matter'],
  sourcemap: true,
  logLevel: 'warning',
});
