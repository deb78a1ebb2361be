/**
 * `npm run bench`: the service against markdown-it (the floor a general CommonMark parser sets), markdownlint
 * (the peer) and `yaml.parseDocument`, all measured in the same run on deterministic inputs, then the budgets
 * of issue 2 checked. Bundled by bench/build.mjs to dist/bench.js; run with --expose-gc.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import matter from 'gray-matter';
import { parseDocument } from 'yaml';
import { createWorkflowService } from '../server/src/service';
import { runCli } from '../server/src/cli/main';
import { generateWorkflowMarkdown } from '../test/unit/support/markdown-gen';
import { generateYamlDefinition } from '../test/unit/support/yaml-gen';
import { stats, table } from './stats';
import { loadBashParser } from '../server/src/shell/bashParser';
import { analyzeShell } from '../server/src/service/shell/analyze';
import type { ShellParser } from '../server/src/service';
import { ensureCorpus } from './corpus';

type MarkdownlintLint = (options: { strings?: Record<string, string>; files?: string[] }) => Promise<unknown>;

interface Series {
  median: number;
  runs: number;
}

/** Milliseconds for each series: enough runs to fill about `budgetMs`, between `minRuns` and `maxRuns`. */
const BUDGET_MS = 2500;

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function measure(fn: () => unknown, minRuns = 3, maxRuns = 200): Promise<Series> {
  collectGarbage();
  // Warm-up: one run (the JIT and any lazy setup), then a second to size the series.
  await fn();
  const t0 = process.hrtime.bigint();
  await fn();
  const first = Number(process.hrtime.bigint() - t0) / 1e6;
  const runs = Math.max(minRuns, Math.min(maxRuns, Math.floor(BUDGET_MS / Math.max(first, 0.01))));
  const times: number[] = [first];
  for (let i = 1; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return { median: times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2, runs: times.length };
}

/**
 * Two series measured in alternating blocks of about 100 ms (a-block, b-block, b-block, a-block...): both sides
 * see the same machine load over time, and within a block each runs in its own steady state. (A forced GC
 * between blocks was tried: it shrinks the young generation, so the next block pays to grow it again.)
 */
async function measurePair(a: () => unknown, b: () => unknown, maxRuns = 200): Promise<[Series, Series]> {
  const time = async (fn: () => unknown): Promise<number> => {
    const start = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  // Warm-up (the JIT and any lazy setup), then size the blocks: about 100 ms each, about 2.5 s in all.
  await a();
  await b();
  const first = (await time(a)) + (await time(b));
  const runs = Math.max(3, Math.min(maxRuns, Math.floor(BUDGET_MS / Math.max(first, 0.01))));
  const perBlock = Math.max(1, Math.min(runs, Math.floor(100 / Math.max(first / 2, 0.01))));
  const ta: number[] = [];
  const tb: number[] = [];
  const block = async (fn: () => unknown, into: number[]): Promise<void> => {
    for (let i = 0; i < perBlock && into.length < runs; i++) into.push(await time(fn));
  };
  for (let k = 0; ta.length < runs || tb.length < runs; k++) {
    if (k % 2) {
      await block(b, tb);
      await block(a, ta);
    } else {
      await block(a, ta);
      await block(b, tb);
    }
  }
  const series = (times: number[]): Series => {
    times.sort((x, y) => x - y);
    const mid = times.length >> 1;
    return { median: times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2, runs: times.length };
  };
  return [series(ta), series(tb)];
}

const rows: string[][] = [];
function row(input: string, what: string, s: Series): void {
  rows.push([input, what, s.median.toFixed(s.median < 10 ? 3 : 1), String(s.runs)]);
  // Progress on stderr: the table comes at the end, once every column's width is known.
  process.stderr.write(`  ${input}: ${what}: ${s.median.toFixed(3)} ms (${s.runs} runs)\n`);
}

/** `--cold-grammar`: this process only loads the bash grammar and prints how long that took (a cold start). */
async function coldGrammar(): Promise<void> {
  const t0 = process.hrtime.bigint();
  await loadBashParser();
  process.stdout.write(`${Number(process.hrtime.bigint() - t0) / 1e6}\n`);
}

/** A parser that counts its parses: an edit inside one block must parse that block only. */
function counting(parser: ShellParser): { parser: ShellParser; count: () => number } {
  let n = 0;
  return { parser: { parse: (text) => (n++, parser.parse(text)) }, count: () => n };
}

async function main(): Promise<void> {
  const started = Date.now();
  const { lint: markdownlint } = (await import('markdownlint/promise' as string)) as { lint: MarkdownlintLint };
  const markdownIt = new MarkdownIt();
  const bash = await loadBashParser();
  // As the server and `wfs lint` run it: shell blocks parsed (each block's tree cached by its text).
  const service = createWorkflowService({ cacheSize: 1, shellParser: bash });
  const withoutShell = createWorkflowService({ cacheSize: 1 });
  let version = 0;
  const ours = (uri: string, text: string) => () => service.getDiagnostics({ uri, version: ++version, getText: () => text });

  const cpu = cpus();
  console.log(`machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, gc ${typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'exposed' : 'not exposed'}`);
  console.log('');

  const md: Record<number, { ours: Series; markdownIt: Series; markdownlint: Series }> = {};
  for (const lines of [1_000, 10_000, 100_000]) {
    const text = generateWorkflowMarkdown(lines, lines);
    const input = `markdown ${lines / 1000}k lines (${(text.length / 1024).toFixed(0)} KiB)`;
    const uri = `file:///bench/doc-${lines}.md`;
    const result = {
      ...(await measurePair(ours(uri, text), () => markdownIt.parse(text, {})).then(([o, m]) => ({ ours: o, markdownIt: m }))),
      markdownlint: await measure(() => markdownlint({ strings: { doc: text } }), 1, 50),
    };
    row(input, 'wfs getDiagnostics', result.ours);
    row(input, 'markdown-it parse', result.markdownIt);
    row(input, 'markdownlint (default rules)', result.markdownlint);
    md[lines] = result;
  }

  // Shell parsing: the 10k document without it, with every block parsed anew (a new service each run: no cached
  // trees), the cold grammar load in fresh processes, and an edit inside one block (its diagnostics, and the parses).
  const text10k = generateWorkflowMarkdown(10_000, 10_000);
  const shellInput = 'markdown 10k lines, shell';
  const noShell = await measure(() => withoutShell.getDiagnostics({ uri: 'file:///bench/noshell.md', version: ++version, getText: () => text10k }));
  const freshTrees = await measure(() => createWorkflowService({ cacheSize: 1, shellParser: bash }).getDiagnostics({ uri: 'file:///bench/fresh.md', version: 1, getText: () => text10k }));
  row(shellInput, 'wfs getDiagnostics without shell parsing', noShell);
  row(shellInput, 'wfs getDiagnostics, every block parsed anew', freshTrees);
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, [__filename, '--cold-grammar'], { encoding: 'utf8' });
    loads.push(Number(r.stdout.trim()));
  }
  const grammar = stats(loads);
  row(shellInput, 'cold grammar load (fresh process)', { median: grammar.median, runs: grammar.runs });
  const { parser: countingParser, count } = counting(bash);
  const editService = createWorkflowService({ cacheSize: 1, shellParser: countingParser });
  const editUri = 'file:///bench/edit.md';
  const blockAt = text10k.indexOf('```bash\n') + '```bash\n'.length;
  let editVersion = 1;
  editService.getDiagnostics({ uri: editUri, version: editVersion, getText: () => text10k });
  const editTimes: number[] = [];
  const editTimesNoShell: number[] = [];
  let parsesPerEdit = 0;
  // Alternating with the same edits without shell parsing, so that both see the same machine load.
  for (let i = 0; i < 100; i++) {
    const edited = `${text10k.slice(0, blockAt)}echo edit ${i}; ${text10k.slice(blockAt)}`;
    const before = count();
    const t0 = process.hrtime.bigint();
    editService.getDiagnostics({ uri: editUri, version: ++editVersion, getText: () => edited });
    editTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
    parsesPerEdit = Math.max(parsesPerEdit, count() - before);
    const t1 = process.hrtime.bigint();
    withoutShell.getDiagnostics({ uri: editUri, version: editVersion, getText: () => edited });
    editTimesNoShell.push(Number(process.hrtime.bigint() - t1) / 1e6);
  }
  // What the edited block alone costs the parser: the block, and a script inside it read again (the block's
  // `ssh host sudo systemctl restart app` is). An edit must cost exactly that: no other block is parsed.
  const blockEnd = text10k.indexOf('```', blockAt);
  const alone = counting(bash);
  analyzeShell(alone.parser, `echo edit 0; ${text10k.slice(blockAt, blockEnd)}`);
  const blockParses = alone.count();
  const edit = stats(editTimes);
  const editNoShell = stats(editTimesNoShell);
  row(shellInput, 'edit in one block: diagnostics (median)', { median: edit.median, runs: edit.runs });
  row(shellInput, 'edit in one block: diagnostics (p95)', { median: edit.p95, runs: edit.runs });
  row(shellInput, 'same edits without shell parsing (p95)', { median: editNoShell.p95, runs: editNoShell.runs });

  const yaml: Record<number, { ours: Series; parse: Series }> = {};
  for (const lines of [1_000, 10_000]) {
    const text = generateYamlDefinition(lines, lines);
    const input = `yaml ${lines / 1000}k lines (${(text.length / 1024).toFixed(0)} KiB)`;
    const uri = `file:///bench/definition-${lines}.workflow.yaml`;
    const [oursSeries, parseSeries] = await measurePair(ours(uri, text), () => parseDocument(text));
    const result = { ours: oursSeries, parse: parseSeries };
    row(input, 'wfs getDiagnostics', result.ours);
    row(input, 'yaml.parseDocument', result.parse);
    yaml[lines] = result;
  }

  const corpus = ensureCorpus(join(__dirname, '..', 'bench', '.generated'), 2000);
  const markdownFiles = corpus.files.filter((f) => f.endsWith('.md'));
  // Safe engines: front matter in any language but YAML and JSON is refused, never evaluated; a fresh
  // options object on every call also keeps gray-matter's content-keyed cache out of the measurement.
  const refuse = (): never => {
    throw new Error('front matter engine refused');
  };
  const safeMatter = (text: string): unknown => matter(text, { engines: { javascript: refuse, js: refuse, coffee: refuse } });
  const sink = { cwd: process.cwd(), env: { NO_COLOR: '1' }, stdoutIsTTY: false, stdout: () => undefined, stderr: () => undefined };
  const corpusInput = `corpus ${corpus.files.length} docs`;
  const readMatter = (): void =>
    corpus.files.forEach((f) => {
      try {
        safeMatter(readFileSync(f, 'utf8'));
      } catch {
        // A refused or malformed block still costs the reading and the attempt.
      }
    });
  const [oursCorpus, readMatterCorpus] = await measurePair(() => runCli(['lint', corpus.dir, '--no-config'], sink), readMatter);
  const c = {
    read: await measure(() => corpus.files.forEach((f) => readFileSync(f, 'utf8'))),
    readMatter: readMatterCorpus,
    ours: oursCorpus,
    subprocess: await measure(() => spawnSync(process.execPath, [join(__dirname, 'cli.js'), 'lint', corpus.dir, '--no-config'], { stdio: 'ignore' }), 3, 5),
    markdownlint: await measure(() => markdownlint({ files: markdownFiles }), 1, 5),
  };
  row(corpusInput, 'read every file', c.read);
  row(corpusInput, 'read + gray-matter', c.readMatter);
  row(corpusInput, 'wfs lint in-process (find+read+lint)', c.ours);
  row(corpusInput, 'wfs lint subprocess (wall)', c.subprocess);
  row(corpusInput, `markdownlint (${markdownFiles.length} .md files)`, c.markdownlint);
  // Conventions (issue 14): the same lint with and without learning each group's convention, measured alternately.
  const [withConventions, withoutConventions] = await measurePair(
    () => runCli(['lint', corpus.dir, '--no-config'], sink),
    () => runCli(['lint', corpus.dir, '--no-config', '--no-conventions'], sink),
  );
  row(corpusInput, 'wfs lint, conventions learned', withConventions);
  row(corpusInput, 'wfs lint --no-conventions', withoutConventions);

  console.log(table(['input', 'measure', 'median ms', 'runs'], rows));
  console.log('');

  const checks: string[][] = [];
  const check = (name: string, value: number, limit: string, pass: boolean): void => {
    checks.push([pass ? 'PASS' : 'FAIL', name, value.toFixed(3), limit]);
  };
  const m10 = md[10_000];
  check('10k doc: wfs / markdown-it', m10.ours.median / m10.markdownIt.median, '<= 0.25', m10.ours.median <= 0.25 * m10.markdownIt.median);
  checks.push(['INFO', '10k doc: wfs without shell parsing / markdown-it', (noShell.median / m10.markdownIt.median).toFixed(3), 'report']);
  checks.push(['INFO', '10k doc: wfs, every block parsed anew / markdown-it', (freshTrees.median / m10.markdownIt.median).toFixed(3), 'report']);
  check('cold bash grammar load (ms, median of 5 processes)', grammar.median, '< 100', grammar.median < 100);
  check('10k doc: edit in one block → diagnostics p95 (ms)', edit.p95, '< 50', edit.p95 < 50);
  check('10k doc: parses per edit in one block (= that block\'s own)', parsesPerEdit, `= ${blockParses}`, parsesPerEdit === blockParses);
  check('10k doc: markdownlint / wfs (speed-up)', m10.markdownlint.median / m10.ours.median, '>= 30', m10.markdownlint.median >= 30 * m10.ours.median);
  check('corpus: wfs / (read + gray-matter)', c.ours.median / c.readMatter.median, '<= 3', c.ours.median <= 3 * c.readMatter.median);
  check('corpus: wfs lint with conventions / without', withConventions.median / withoutConventions.median, '<= 1.2', withConventions.median <= 1.2 * withoutConventions.median);
  check('corpus: markdownlint / wfs (speed-up)', c.markdownlint.median / c.ours.median, '>= 50', c.markdownlint.median >= 50 * c.ours.median);
  for (const lines of [1_000, 10_000]) {
    const y = yaml[lines];
    check(`yaml ${lines / 1000}k: wfs / parseDocument`, y.ours.median / y.parse.median, '<= 1.2', y.ours.median <= 1.2 * y.parse.median);
  }
  // Linear cost: 100k lines should cost about 10x 10k lines, not 100x. At 2 MB a parse no longer fits the young
  // generation and GC costs grow for any parser, so markdown-it's own growth, measured alongside, is the yardstick.
  const growth = md[100_000].ours.median / m10.ours.median;
  const mdGrowth = md[100_000].markdownIt.median / m10.markdownIt.median;
  check('linear: wfs 100k / 10k', growth, '<= 25 (not 100)', growth <= 25);
  check(`linear: wfs growth / markdown-it growth (${mdGrowth.toFixed(1)})`, growth / mdGrowth, '<= 1.25', growth <= 1.25 * mdGrowth);
  console.log(table(['result', 'budget', 'value', 'limit'], checks.map(([a, b, v, l]) => [a, b, v, l])));
  console.log('');
  console.log(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (checks.some((c) => c[0] === 'FAIL')) process.exitCode = 1;
}

(process.argv.includes('--cold-grammar') ? coldGrammar() : main()).catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exitCode = 2;
});
