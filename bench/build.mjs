// Bundles the benchmarks (bench/bench.ts, the service; bench/lsp-bench.ts, the language server over the
// protocol; bench/run-bench.ts, the runner) to dist/bench.js, dist/lsp-bench.js and dist/run-bench.js. The peers bench.ts measures against stay external so they
// run as published.
import * as esbuild from 'esbuild';

const common = {
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

await esbuild.build({
  ...common,
  entryPoints: [
    { in: 'bench/bench.ts', out: 'bench' },
    { in: 'bench/lsp-bench.ts', out: 'lsp-bench' },
    { in: 'bench/graph-bench.ts', out: 'graph-bench' },
  ],
  external: ['vscode', 'markdown-it', 'markdownlint', 'markdownlint/*', 'gray-matter', 'yaml-language-server/*'],
});

// The runner bench runs the editor's TerminalExecutor too: its `vscode` is a real bash behind the few calls it makes.
await esbuild.build({
  ...common,
  entryPoints: [{ in: 'bench/run-bench.ts', out: 'run-bench' }],
  alias: { vscode: './bench/terminalHost.ts' },
});

// `wfs` as `npm run package` ships it (minified, no source map), for the start-up budget of `wfs run`.
await esbuild.build({
  ...common,
  entryPoints: [{ in: 'server/src/cli.ts', out: 'run-bench-cli' }],
  minify: true,
  sourcemap: false,
});
