// Times the Markdown block scanner against markdown-it@14's parse of the same generated workflow documents.
// Wall clock: runs of the two alternate, so that a busy machine slows both alike; figures are medians.
// CPU time (process.cpuUsage over a batch) is printed too: on a shared machine it is the steadier figure.
// Usage: node --import tsx scripts/scan-speed.mjs
import MarkdownIt from 'markdown-it';
import { computeLineStarts } from '../server/src/service/text.ts';
import { scanMarkdown } from '../server/src/service/parse/markdown.ts';
import { generateWorkflowMarkdown } from '../test/unit/support/markdown-gen.ts';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function elapsed(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function cpuPerRun(fn, runs) {
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / runs;
}

const md = new MarkdownIt();
// Warm up both parsers first, so that the first size is not measured cold.
const warmText = generateWorkflowMarkdown(99, 5000);
const warmStarts = computeLineStarts(warmText);
for (let i = 0; i < 30; i++) md.parse(warmText, {});
for (let i = 0; i < 300; i++) scanMarkdown(warmText, warmStarts, 7);

console.log('lines    chars     | wall: markdown-it  scanner   ratio  | cpu: markdown-it  scanner   ratio  | lineStarts');
for (const lines of [1000, 10000, 100000]) {
  const text = generateWorkflowMarkdown(1, lines);
  const lineStarts = computeLineStarts(text);
  const rounds = lines >= 100000 ? 15 : lines >= 10000 ? 41 : 201;
  const tMd = [];
  const tScan = [];
  const tLines = [];
  for (let i = 0; i < rounds; i++) {
    tMd.push(elapsed(() => md.parse(text, {})));
    tLines.push(elapsed(() => computeLineStarts(text)));
    tScan.push(elapsed(() => scanMarkdown(text, lineStarts, 7)));
  }
  const m = median(tMd);
  const s = median(tScan);
  const cm = cpuPerRun(() => md.parse(text, {}), Math.ceil(rounds / 2));
  const cs = cpuPerRun(() => scanMarkdown(text, lineStarts, 7), rounds * 10);
  const f = (v, d = 3) => v.toFixed(d).padStart(9);
  console.log(
    `${String(lineStarts.length).padEnd(8)} ${String(text.length).padEnd(9)} | ${f(m, 2)} ms ${f(s)} ms ${(s / m).toFixed(4)} | ${f(cm, 2)} ms ${f(cs)} ms ${(cs / cm).toFixed(4)} | ${median(tLines).toFixed(3)} ms`,
  );
}
