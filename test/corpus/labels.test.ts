// The model against a reader's labels: ../shared/corpus/labels.json gives, for each real document of the corpus,
// its kind, the steps an operator would run (title and line), its truly blank sections, its TODO lines and its
// unfilled placeholders (conventions in ../shared/corpus/LABELING.txt; how they are compared in ./score.ts).
// This test prints the figures, writes the per-file table to test-results/corpus/labels.md (and .json), and
// asserts the bars of issue 10. Without ../shared/corpus (a clone outside this workspace) it is skipped.
//
// Each document is read under its original repository path (SOURCES.tsv), as the extension would see it in its
// repository: path conventions (`.windsurf/workflows/`, `README.md`) are part of what a document is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createWorkflowService } from '../../server/src/service';
import { workflowSteps } from '../../server/src/service/features/steps';
import { lineAt } from '../../server/src/service/text';
import { AGREEING_FORMATS, headingKey, matchSets, matchSteps, rates, type DocumentLabels, type FoundStep } from './score';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');
const REPORT_DIR = join(__dirname, '..', '..', 'test-results', 'corpus');
// A fixed "now", so stale-date findings do not change with the calendar.
const OPTIONS = { now: new Date('2026-06-01T00:00:00Z') };
const PLACEHOLDER_RULE = 'placeholder.unfilled';

const BARS = { stepRecall: 0.9, stepPrecision: 0.9, perFile: 0.6, kind: 0.95, findings: 0.9 };

interface FileRow {
  file: string;
  kind: string;
  format: string;
  kindAgrees: boolean;
  steps: { labels: number; found: number; matched: number; recall: number; precision: number };
  missed: string[];
  extra: string[];
  blank: { tp: number; labels: number; found: number; missed: string[]; extra: string[] };
  todos: { tp: number; labels: number; found: number; missed: number[]; extra: number[] };
  placeholders: { tp: number; labels: number; found: number; missed: number[]; extra: number[] };
}

/** file name -> original path (`repo/path`) from SOURCES.tsv. */
function sources(): Map<string, string> {
  const out = new Map<string, string>();
  const lines = readFileSync(join(CORPUS, 'SOURCES.tsv'), 'utf8').split(/\r?\n/).slice(1);
  for (const line of lines) {
    const [file, repo, path] = line.split('\t');
    if (file && repo && path) out.set(file, `${repo}/${path}`);
  }
  return out;
}

const present = existsSync(join(CORPUS, 'labels.json'));
if (!present) console.log(`corpus labels: ${CORPUS} is absent (a clone outside the workspace); the corpus test is skipped.`);

test('the model reads the labelled corpus as its readers do', { skip: present ? false : `${CORPUS}/labels.json is absent` }, () => {
  const labels = JSON.parse(readFileSync(join(CORPUS, 'labels.json'), 'utf8')) as Record<string, DocumentLabels>;
  const paths = sources();
  const service = createWorkflowService({ cacheSize: 1 });
  const rows: FileRow[] = [];

  for (const [file, label] of Object.entries(labels)) {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const uri = pathToFileURL(`/corpus/${paths.get(file) ?? file}`).href;
    const doc = { uri, version: 1, getText: () => text };
    const model = service.parse(doc, OPTIONS);
    const lineOf = (offset: number): number => lineAt(model.lineStarts, offset) + 1;
    const found: FoundStep[] = workflowSteps(model).steps.map((s) => ({ title: s.title, line: lineOf(s.start) }));
    const m = matchSteps(label.steps, found);
    const r = rates(m.matched, m.labels, m.found);
    const diagnostics = service.getDiagnostics(doc, OPTIONS);
    const blankFound = diagnostics.filter((d) => d.code === 'section.blank').map((d) => headingKey(String(d.data?.section ?? '')));
    const todoFound = diagnostics.filter((d) => d.code === 'todo.marker').map((d) => lineOf(d.start));
    const placeholderFound = diagnostics.filter((d) => d.code === PLACEHOLDER_RULE).map((d) => lineOf(d.start));
    const blank = matchSets(label.blank_sections.map(headingKey), blankFound);
    const todos = matchSets(label.todos, todoFound);
    const placeholders = matchSets(label.placeholders, placeholderFound);
    rows.push({
      file,
      kind: label.kind,
      format: model.format,
      kindAgrees: AGREEING_FORMATS[label.kind].includes(model.format),
      steps: { labels: m.labels, found: m.found, matched: m.matched, ...r },
      missed: m.missed.map((s) => `${s.line} ${s.title}`),
      extra: m.extra.map((s) => `${s.line} ${s.title}`),
      blank: { tp: blank.tp, labels: new Set(label.blank_sections.map(headingKey)).size, found: new Set(blankFound).size, missed: blank.missed, extra: blank.extra },
      todos: { tp: todos.tp, labels: new Set(label.todos).size, found: new Set(todoFound).size, missed: todos.missed, extra: todos.extra },
      placeholders: {
        tp: placeholders.tp, labels: new Set(label.placeholders).size, found: new Set(placeholderFound).size, missed: placeholders.missed, extra: placeholders.extra,
      },
    });
  }

  const sum = (f: (r: FileRow) => number): number => rows.reduce((n, r) => n + f(r), 0);
  const steps = rates(sum((r) => r.steps.matched), sum((r) => r.steps.labels), sum((r) => r.steps.found));
  const kind = rows.filter((r) => r.kindAgrees).length / rows.length;
  const finding = (k: 'blank' | 'todos' | 'placeholders') => rates(sum((r) => r[k].tp), sum((r) => r[k].labels), sum((r) => r[k].found));
  const blank = finding('blank');
  const todos = finding('todos');
  const placeholders = finding('placeholders');
  const below = rows.filter((r) => r.steps.recall < BARS.perFile || r.steps.precision < BARS.perFile);

  const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
  const summary = [
    `corpus labels: ${rows.length} documents, ${sum((r) => r.steps.labels)} labelled steps, ${sum((r) => r.steps.found)} found, ${sum((r) => r.steps.matched)} matched`,
    `  steps         recall ${pct(steps.recall)}, precision ${pct(steps.precision)}; files below ${pct(BARS.perFile)}: ${below.length}`,
    `  kind/format   agreement ${pct(kind)} (${rows.filter((r) => !r.kindAgrees).map((r) => `${r.file}: ${r.kind} read as ${r.format}`).join('; ') || 'all agree'})`,
    `  blank         recall ${pct(blank.recall)}, precision ${pct(blank.precision)} (${sum((r) => r.blank.tp)}/${sum((r) => r.blank.labels)} labelled, ${sum((r) => r.blank.found)} found)`,
    `  todos         recall ${pct(todos.recall)}, precision ${pct(todos.precision)} (${sum((r) => r.todos.tp)}/${sum((r) => r.todos.labels)} labelled, ${sum((r) => r.todos.found)} found)`,
    `  placeholders  recall ${pct(placeholders.recall)}, precision ${pct(placeholders.precision)} (${sum((r) => r.placeholders.tp)}/${sum((r) => r.placeholders.labels)} labelled, ${sum((r) => r.placeholders.found)} found)`,
  ].join('\n');
  writeReport(rows, summary);
  console.log(summary + `\n  per-file table: test-results/corpus/labels.md`);

  assert.ok(steps.recall >= BARS.stepRecall, `step recall ${pct(steps.recall)} < ${pct(BARS.stepRecall)}`);
  assert.ok(steps.precision >= BARS.stepPrecision, `step precision ${pct(steps.precision)} < ${pct(BARS.stepPrecision)}`);
  assert.deepEqual(
    below.map((r) => `${r.file}: recall ${pct(r.steps.recall)}, precision ${pct(r.steps.precision)}`),
    [],
    `files below ${pct(BARS.perFile)} (see test-results/corpus/labels.md)`,
  );
  assert.ok(kind >= BARS.kind, `kind/format agreement ${pct(kind)} < ${pct(BARS.kind)}`);
  for (const [name, r] of [['blank sections', blank], ['TODOs', todos], ['placeholders', placeholders]] as const) {
    assert.ok(r.recall >= BARS.findings && r.precision >= BARS.findings, `${name}: recall ${pct(r.recall)}, precision ${pct(r.precision)} (bar ${pct(BARS.findings)})`);
  }
});

function writeReport(rows: FileRow[], summary: string): void {
  mkdirSync(REPORT_DIR, { recursive: true });
  const pct = (x: number): string => `${Math.round(100 * x)}`;
  const table = [
    '| file | kind | format | steps L/F/M | recall % | precision % | blank L/F/M | todos L/F/M | placeholders L/F/M |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...[...rows]
      .sort((a, b) => Math.min(a.steps.recall, a.steps.precision) - Math.min(b.steps.recall, b.steps.precision) || a.file.localeCompare(b.file))
      .map((r) =>
        [
          r.file, r.kind, r.kindAgrees ? r.format : `**${r.format}**`, `${r.steps.labels}/${r.steps.found}/${r.steps.matched}`, pct(r.steps.recall),
          pct(r.steps.precision), `${r.blank.labels}/${r.blank.found}/${r.blank.tp}`, `${r.todos.labels}/${r.todos.found}/${r.todos.tp}`,
          `${r.placeholders.labels}/${r.placeholders.found}/${r.placeholders.tp}`,
        ].join(' | '),
      )
      .map((line) => `| ${line} |`),
  ];
  const details = rows
    .filter((r) => r.missed.length + r.extra.length + r.blank.missed.length + r.blank.extra.length + r.todos.missed.length + r.todos.extra.length > 0)
    .map((r) =>
      [
        `### ${r.file}`,
        ...r.missed.map((s) => `- missed step: ${s}`),
        ...r.extra.map((s) => `- extra step: ${s}`),
        ...r.blank.missed.map((s) => `- missed blank section: ${s}`),
        ...r.blank.extra.map((s) => `- extra blank section: ${s}`),
        ...r.todos.missed.map((s) => `- missed TODO: line ${s}`),
        ...r.todos.extra.map((s) => `- extra TODO: line ${s}`),
        r.placeholders.missed.length ? `- missed placeholders: lines ${r.placeholders.missed.join(', ')}` : '',
        r.placeholders.extra.length ? `- extra placeholders: lines ${r.placeholders.extra.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  writeFileSync(join(REPORT_DIR, 'labels.md'), ['# Corpus labels', '', '```text', summary, '```', '', ...table, '', '## Differences', '', ...details, ''].join('\n'));
  writeFileSync(join(REPORT_DIR, 'labels.json'), JSON.stringify(rows, null, 2) + '\n');
}
