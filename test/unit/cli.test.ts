// The CLI's pure parts: argument parsing, globs, decoding and the output formats.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError, parseArgs } from '../../server/src/cli/args';
import { GlobSet, compileGlob } from '../../server/src/service/glob';
import { decodeFile, firstInvalidUtf8 } from '../../server/src/cli/decode';
import { formatHuman, formatJson, formatSarif, summaryLine, toCliDiagnostics } from '../../server/src/cli/output';
import type { FileReport } from '../../server/src/cli/output';
import type { WorkflowDiagnostic } from '../../server/src/service/rules/types';
import { execFileSync, spawnSync } from 'node:child_process';
import { CLI, ensureBuiltCli, ROOT, runCliIn } from './support/cli';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { createWorkflowService } from '../../server/src/service';
import type { WorkflowService } from '../../server/src/service';
import { version as packageVersion } from '../../package.json';
import { formatFixture } from './support/fixtures';
import { SEEDS, sharedMissing } from './support/shared';

const RULE_IDS = ['section.blank', 'todo.marker'];

test('parseArgs: lint with every option', () => {
  const args = parseArgs(
    ['lint', 'docs', '--format', 'sarif', '--format-of=catalog', '-c', 'x.json', '--rule', 'section.blank=off', '--rule=todo.marker=error', '-q', '--max-warnings', '3', '--debug', 'a.md'],
    RULE_IDS,
  );
  assert.deepEqual(args, {
    command: 'lint',
    paths: ['docs', 'a.md'],
    format: 'sarif',
    formatOf: 'catalog',
    config: 'x.json',
    noConfig: false,
    rules: { 'section.blank': 'off', 'todo.marker': 'error' },
    quiet: true,
    maxWarnings: 3,
    allowEmpty: false,
    debug: true,
    conventions: true,
  });
});

test('parseArgs: help, version and rules', () => {
  assert.equal(parseArgs(['--help'], RULE_IDS).command, 'help');
  assert.equal(parseArgs(['lint', '-h'], RULE_IDS).command, 'help');
  assert.equal(parseArgs(['--version'], RULE_IDS).command, 'version');
  assert.equal(parseArgs(['rules'], RULE_IDS).command, 'rules');
  assert.deepEqual(parseArgs(['lint', '--', '--odd-name.md'], RULE_IDS).paths, ['--odd-name.md']);
});

test('parseArgs: usage errors name what is wrong', () => {
  const cases: Array<[string[], string]> = [
    [[], 'missing command (expected "lint", "steps", "rules", "conventions", "run", "check", "runs" or "export")'],
    [['frobnicate'], 'unknown command "frobnicate" (expected "lint", "steps", "rules", "conventions", "run", "check", "runs" or "export")'],
    [['steps'], '"wfs steps" needs at least one file, folder or glob'],
    [['steps', 'x.md', '--format', 'sarif'], '"wfs steps" writes human or json (not sarif)'],
    [['lint', '--frob'], 'unknown option: --frob'],
    [['lint', '--format'], 'option --format needs a value'],
    [['lint', '--format', 'xml'], 'unknown output format "xml" (valid: human, json, sarif)'],
    [['lint', '--format-of', 'docx'], 'unknown document format "docx" (valid: frontmatter, file-header, catalog, skill-sequence, yaml-definition, agent, reference, plain)'],
    [['lint', '--rule', 'no.such=error'], 'unknown rule "no.such" (run "wfs rules" to list them)'],
    [['lint', '--rule', 'section.blank=loud'], 'unknown severity "loud" for section.blank (valid: error, warning, information, hint, off)'],
    [['lint', '--rule', 'section.blank'], '--rule expects id=severity (got "section.blank")'],
    [['lint', '--max-warnings', 'many'], '--max-warnings expects a whole number >= 0 (got "many")'],
    [['lint', '--quiet=yes'], 'option --quiet takes no value'],
    [['rules', 'x.md'], '"wfs rules" takes no paths (got "x.md")'],
  ];
  for (const [argv, message] of cases) {
    assert.throws(() => parseArgs(argv, RULE_IDS), (e: unknown) => e instanceof UsageError && e.message === message, argv.join(' '));
  }
});

test('compileGlob: stars, globstars, braces, classes', () => {
  const m = (glob: string, path: string): boolean => compileGlob(glob).matches(path);
  assert.equal(m('docs/*.md', 'docs/a.md'), true);
  assert.equal(m('docs/*.md', 'docs/x/a.md'), false);
  assert.equal(m('docs/**/*.md', 'docs/a.md'), true);
  assert.equal(m('docs/**/*.md', 'docs/x/y/a.md'), true);
  assert.equal(m('docs/**', 'docs/x/y/a.md'), true);
  assert.equal(m('*.catalog.md', 'deep/in/a.catalog.md'), true, 'no slash: any depth');
  assert.equal(m('/*.md', 'deep/a.md'), false, 'a leading slash anchors to the base folder');
  assert.equal(m('**/*.{yaml,yml}', 'a/b.yml'), true);
  assert.equal(m('**/*.{yaml,yml}', 'a/b.json'), false);
  assert.equal(m('step-[0-9].md', 'step-7.md'), true);
  assert.equal(m('step-[!0-9].md', 'step-7.md'), false);
  assert.equal(m('a?c.md', 'abc.md'), true);
  assert.equal(m('a.md', 'aXmd'), false, 'dots are literal');
  assert.equal(m('x+(y).md', 'x+(y).md'), true, 'regex characters are literal');
});

test('GlobSet: a pattern that matches a folder matches what is under it', () => {
  const set = new GlobSet(['drafts', 'old/**']);
  assert.equal(set.matches('drafts/a.md'), true);
  assert.equal(set.matches('team/drafts/a.md'), true);
  assert.equal(set.matches('old/a/b.md'), true);
  assert.equal(set.matches('docs/a.md'), false);
  assert.equal(set.matches('../drafts/a.md'), false, 'files outside the base folder never match');
  assert.equal(new GlobSet([]).matches('a.md'), false);
});

test('decodeFile: text, BOM, binary and invalid UTF-8', () => {
  const enc = new TextEncoder();
  assert.deepEqual(decodeFile(enc.encode('# Hi\r\n')), { kind: 'text', text: '# Hi\r\n', bom: false });
  assert.deepEqual(decodeFile(Uint8Array.from([0xef, 0xbb, 0xbf, 0x23, 0x20, 0x48])), { kind: 'text', text: '# H', bom: true });
  assert.deepEqual(decodeFile(Uint8Array.from([0x23, 0x00, 0x01])), { kind: 'binary' });
  // A NUL after the first 8 KB does not make a file binary.
  const late = new Uint8Array(9000).fill(0x61);
  late[8500] = 0;
  assert.equal(decodeFile(late).kind, 'text');
  assert.deepEqual(decodeFile(Uint8Array.from([0x61, 0x62, 0xff, 0x63])), { kind: 'text', text: 'ab\ufffdc', bom: false, invalidUtf8At: 2 });
});

test('firstInvalidUtf8: well-formed and ill-formed sequences', () => {
  const enc = new TextEncoder();
  assert.equal(firstInvalidUtf8(enc.encode('plain ascii, ünïcödé, 日本語, 🚀')), -1);
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, 0xc0, 0x80])), 1, 'overlong NUL');
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, 0x42, 0xe0, 0x80, 0x80])), 2, 'overlong 3-byte');
  assert.equal(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80])), 0, 'UTF-16 surrogate');
  assert.equal(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80])), 0, 'past U+10FFFF');
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, 0xe6, 0x97])), 1, 'truncated at the end');
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, 0x80])), 1, 'lone continuation byte');
});

function diag(code: string, severity: WorkflowDiagnostic['severity'], message: string, start: number, end: number): WorkflowDiagnostic {
  return { code, severity, message, start, end, source: 'wfs', docs: `docs/rules/${code}.md` };
}

test('toCliDiagnostics: 1-based positions, CRLF, sorted, clamped', () => {
  const text = 'line one\r\nline two\r\nthree';
  const out = toCliDiagnostics(text, [diag('todo.marker', 'information', 'b', 15, 18), diag('section.blank', 'warning', 'a', 0, 4), diag('x', 'error', 'c', 10, 999)]);
  assert.deepEqual(out, [
    { ruleId: 'section.blank', severity: 'warning', message: 'a', line: 1, column: 1, endLine: 1, endColumn: 5 },
    { ruleId: 'x', severity: 'error', message: 'c', line: 2, column: 1, endLine: 3, endColumn: 6 },
    { ruleId: 'todo.marker', severity: 'information', message: 'b', line: 2, column: 6, endLine: 2, endColumn: 9 },
  ]);
});

const REPORTS: FileReport[] = [
  {
    filePath: 'docs/a b.md',
    format: 'catalog',
    diagnostics: [
      { ruleId: 'section.blank', severity: 'warning', message: 'Section "Problem" is blank', line: 3, column: 1, endLine: 3, endColumn: 12 },
      { ruleId: 'todo.marker', severity: 'information', message: 'TODO', line: 12, column: 4, endLine: 12, endColumn: 8 },
    ],
  },
  { filePath: 'docs/clean.md', format: 'plain', diagnostics: [] },
  {
    filePath: 'flows/x.workflow.yaml',
    format: 'yaml-definition',
    diagnostics: [{ ruleId: 'yaml.cycle', severity: 'error', message: 'Cycle', line: 7, column: 5, endLine: 7, endColumn: 9 }],
  },
];

test('formatHuman: aligned lines per file, blank line between files, summary', () => {
  assert.equal(
    formatHuman(REPORTS, false),
    [
      'docs/a b.md:3:1   warning      Section "Problem" is blank  section.blank',
      'docs/a b.md:12:4  information  TODO                        todo.marker',
      '',
      'flows/x.workflow.yaml:7:5  error  Cycle  yaml.cycle',
      '',
      '3 problems (1 error, 1 warning, 1 info)',
      '',
    ].join('\n'),
  );
  assert.equal(formatHuman([REPORTS[1]], false), '0 problems (0 errors, 0 warnings, 0 infos)\n');
  assert.match(formatHuman(REPORTS, true), /\u001b\[31merror\u001b\[0m/);
  assert.doesNotMatch(formatHuman(REPORTS, false), /\u001b/);
});

test('summaryLine: hints only when there are some', () => {
  assert.equal(summaryLine({ errors: 2, warnings: 0, infos: 0, hints: 1 }), '3 problems (2 errors, 0 warnings, 0 infos, 1 hint)');
});

test('formatJson: the documented shape', () => {
  const parsed = JSON.parse(formatJson(REPORTS));
  assert.deepEqual(parsed, REPORTS);
});

test('formatSarif: SARIF 2.1.0 with rules, levels, relative URIs and 1-based regions', () => {
  const rules = [
    { id: 'section.blank', description: 'Blank section', defaultSeverity: 'warning', docs: 'docs/rules/section.blank.md' },
    { id: 'todo.marker', description: 'TODO marker', defaultSeverity: 'information', docs: 'docs/rules/todo.marker.md' },
    { id: 'yaml.cycle', description: 'Cycle', defaultSeverity: 'error', docs: 'docs/rules/yaml.cycle.md' },
  ];
  const sarif = JSON.parse(formatSarif(REPORTS, rules, '1.2.3'));
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs.length, 1);
  const driver = sarif.runs[0].tool.driver;
  assert.equal(driver.name, 'wfs');
  assert.equal(driver.version, '1.2.3');
  assert.deepEqual(driver.rules[1], {
    id: 'todo.marker',
    shortDescription: { text: 'TODO marker' },
    fullDescription: { text: 'TODO marker' },
    defaultConfiguration: { level: 'note' },
    help: { text: 'TODO marker See docs/rules/todo.marker.md.', markdown: 'TODO marker See [docs/rules/todo.marker.md](docs/rules/todo.marker.md).' },
  });
  const results = sarif.runs[0].results;
  assert.deepEqual(results.map((r: { level: string }) => r.level), ['warning', 'note', 'error']);
  assert.deepEqual(results[0], {
    ruleId: 'section.blank',
    ruleIndex: 0,
    level: 'warning',
    message: { text: 'Section "Problem" is blank' },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: 'docs/a%20b.md', uriBaseId: '%SRCROOT%' },
          region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 12 },
        },
      },
    ],
  });
  assert.doesNotMatch(JSON.stringify(sarif), /:\/\//, 'no absolute URLs');
});

// ---------------------------------------------------------------------------------------------
// The built command (dist/cli.js) on real files: exit codes, messages, every kind of bad input.
// ---------------------------------------------------------------------------------------------

const SEED_002 = join(SEEDS, '002_941efdd79d0eabcc.txt');
let work = '';

before(() => {
  ensureBuiltCli();
  work = mkdtempSync(join(tmpdir(), 'wfs-cli-'));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A guard only: a hung command is killed (its code is then null) instead of hanging the suite. */
const CLI_GUARD_MS = 60_000;

function wfs(args: string[], cwd = work, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024, timeout: CLI_GUARD_MS });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes files (path -> text or bytes) under a fresh folder of the temp dir and returns the folder. */
function workspace(name: string, files: Record<string, string | Uint8Array>): string {
  const dir = join(work, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

interface JsonFile {
  filePath: string;
  format: string;
  diagnostics: Array<{ ruleId: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number }>;
}

function lintJson(args: string[], cwd = work): { code: number | null; files: JsonFile[]; stderr: string } {
  const r = wfs(['lint', '--format', 'json', '--no-config', ...args], cwd);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, 'no stack trace');
  return { code: r.code, files: JSON.parse(r.stdout) as JsonFile[], stderr: r.stderr };
}

const TODO_DOC = '# Deploy\n\n## Overview\n\nShip it. TODO: pick a cache\n\n## Steps\n\n### 1. Build\n\n```bash\nnpm run build\n```\n';
const TODO_DIAGNOSTIC = { ruleId: 'todo.marker', severity: 'information', message: 'TODO: pick a cache', line: 5, column: 10, endLine: 5, endColumn: 28 };

test('cli: a numbered catalog template, as its own team template, reports its blank index fields and sections; exit 0 without errors', () => {
  const dir = workspace('catalog-template', {
    '.wfs.json': '{ "template": "service-runbook-template.md" }',
    'service-runbook-template.md': formatFixture('catalog-template.md'),
  });
  const r = wfs(['lint', 'service-runbook-template.md'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^service-runbook-template\.md:37:4 +warning +Section "1\. Purpose" is blank: .* section\.blank$/m);
  assert.equal(r.stdout.split('\n').filter((l) => / section\.blank$/.test(l)).length, 7);
  assert.equal(r.stdout.split('\n').filter((l) => / index\.field-blank$/.test(l)).length, 5);
  assert.match(r.stdout, /\n\n19 problems \(0 errors, 12 warnings, 7 infos\)\n$/);
});

test('cli: the seed 002 template as a catalog reports its blank sections; exit 0 without errors', { skip: sharedMissing }, () => {
  const r = wfs(['lint', SEED_002, '--format-of', 'catalog', '--no-config']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\.\.\/.*002_941efdd79d0eabcc\.txt:58:4 +warning +Section "1\. Problem Statement" is blank: .* section\.blank$/m);
  // Every blank section without sub-sections, each one (a template section left empty is reported at its parts).
  const blank = r.stdout.split('\n').filter((l) => / section\.blank$/.test(l));
  assert.equal(blank.length, 19);
  assert.match(r.stdout, /\n\n\d+ problems \(0 errors, \d+ warnings, \d+ infos?\)\n$/);
});

const STEPS_DOC = [
  '# Restore the database',
  '',
  'Bootstrap once: `make bootstrap`.',
  '',
  '## Prerequisites',
  '1. A database account',
  '',
  '## Procedure',
  '1. Stop the API:',
  '   ```bash',
  '   systemctl stop api',
  '   ```',
  '2. Restore the dump:',
  '   ```sql',
  '   RESTORE DATABASE app;',
  '   ```',
  '   **Validation**: `pg_isready`',
  '3. Tell the channel.',
  '',
].join('\n');

test('cli: wfs steps shows the steps as the model reads them, with why, kind, commands and their language', () => {
  const dir = workspace('steps', { 'docs/runbooks/restore.md': STEPS_DOC, 'docs/runbooks/README.md': '# Runbooks\n\n## 1. Restore\n```bash\nmake restore\n```\n## 2. Deploy\n```bash\nmake deploy\n```\n' });
  const human = wfs(['steps', 'docs/runbooks/restore.md', 'docs/runbooks/README.md', '--no-config'], dir);
  assert.equal(human.code, 0, human.stderr);
  assert.equal(
    human.stdout,
    [
      'docs/runbooks/restore.md  (plain, "Restore the database"): 3 steps',
      '  1. Stop the API',
      '    line 9, list, command — an item of a list whose items carry their own commands',
      '    run      line 10  bash: systemctl stop api',
      '    validate none',
      '    rollback none',
      '  2. Restore the dump',
      '    line 13, list, command — an item of a list whose items carry their own commands',
      '    run      line 14  sql, not run here: RESTORE DATABASE app;',
      '    validate line 17  sh: pg_isready',
      '    rollback none',
      '  3. Tell the channel.',
      '    line 18, list, manual: nothing in it runs here — an item of a list whose items carry their own commands',
      '    validate none',
      '    rollback none',
      '',
      'docs/runbooks/README.md  (reference, "Runbooks"): 0 steps',
      '  not a workflow: a README, index or reference page has no steps',
      '',
    ].join('\n'),
  );
  const json = JSON.parse(wfs(['steps', 'docs/runbooks', '--format', 'json', '--no-config'], dir).stdout) as { filePath: string; format: string; steps: { title: string; line: number; kind: string; commands: { lang: string; runnable: boolean }[] }[] }[];
  assert.deepEqual(json.map((f) => [f.filePath, f.format, f.steps.length]), [['docs/runbooks/README.md', 'reference', 0], ['docs/runbooks/restore.md', 'plain', 3]]);
  assert.deepEqual(json[1].steps.map((s) => [s.title, s.line, s.kind, s.commands.map((c) => `${c.lang}:${c.runnable}`)]), [
    ['Stop the API', 9, 'command', ['bash:true']],
    // Its SQL is the reader's to run; its validation runs.
    ['Restore the dump', 13, 'command', ['sql:false']],
    ['Tell the channel.', 18, 'manual', []],
  ]);
  // The commands that change state, by the destructive-command table, as the runner asks for them.
  const full = json[1].steps as unknown as { commands: { destructive?: unknown }[]; validation?: { commands: { destructive?: unknown }[] } }[];
  assert.deepEqual(full[0].commands[0].destructive, [{ command: 'systemctl stop api', entry: 'systemctl stop' }]);
  assert.equal(full[1].validation?.commands[0].destructive, undefined);
  // --format-of applies as in lint; a path that does not exist is a usage error.
  assert.equal(wfs(['steps', 'nope.md', '--no-config'], dir).code, 2);
});

test('cli: a missing path is a one-line usage error (exit 2)', () => {
  const r = wfs(['lint', 'nope.md']);
  assert.deepEqual(r, { code: 2, stdout: '', stderr: 'wfs: no such file or directory: nope.md\n' });
});

test('cli: a folder with no workflow files exits 2, or 0 with --allow-empty', () => {
  workspace('no-workflows', { 'notes.json': '{}', 'src/app.ts': 'export {};\n', 'config.yaml': 'name: x\n' });
  const r = wfs(['lint', 'no-workflows', '--no-config']);
  assert.deepEqual(r, { code: 2, stdout: '', stderr: 'wfs: no workflow files found in no-workflows (use --allow-empty to accept this)\n' });
  const allowed = wfs(['lint', 'no-workflows', '--no-config', '--allow-empty']);
  assert.equal(allowed.code, 0);
  assert.equal(allowed.stderr, 'wfs: no workflow files found in no-workflows\n');
  assert.equal(allowed.stdout, '0 problems (0 errors, 0 warnings, 0 infos)\n');
});

test('cli: a glob that matches nothing is reported', () => {
  const r = wfs(['lint', 'nothing-here/**/*.md', '--no-config']);
  assert.deepEqual(r, { code: 2, stdout: '', stderr: 'wfs: no workflow files found in nothing-here/**/*.md (use --allow-empty to accept this)\n' });
});

test('cli: an empty file is linted without a crash', () => {
  workspace('empty', { 'empty.md': '' });
  const { code, files } = lintJson(['empty/empty.md']);
  assert.equal(code, 0);
  assert.deepEqual(files, [{ filePath: 'empty/empty.md', format: 'plain', diagnostics: [] }]);
});

test('cli: a binary file is skipped with a note on stderr', () => {
  workspace('binary', { 'logo.md': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), 'ok.md': TODO_DOC });
  const { code, files, stderr } = lintJson(['binary']);
  assert.equal(code, 0);
  assert.equal(stderr, 'binary/logo.md: skipped: binary file\n');
  assert.deepEqual(files, [{ filePath: 'binary/ok.md', format: 'plain', diagnostics: [TODO_DIAGNOSTIC] }]);
});

test('cli: invalid UTF-8 gives a warning with the byte offset, and the text is still linted', () => {
  const bytes = Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from(TODO_DOC.slice('# Deploy'.length))]);
  workspace('latin1', { 'cafe.md': bytes });
  const { code, files, stderr } = lintJson(['latin1/cafe.md']);
  assert.equal(code, 0);
  assert.equal(stderr, 'latin1/cafe.md: warning: invalid UTF-8 at byte 5; linted with replacement characters\n');
  assert.deepEqual(files[0].diagnostics, [TODO_DIAGNOSTIC]);
});

test('cli: CRLF line endings and a BOM give the same lines and columns as LF', () => {
  workspace('endings', { 'lf.md': TODO_DOC, 'crlf.md': TODO_DOC.replace(/\n/g, '\r\n'), 'bom.md': '\ufeff' + TODO_DOC, 'bom-crlf.md': '\ufeff' + TODO_DOC.replace(/\n/g, '\r\n') });
  const { code, files } = lintJson(['endings']);
  assert.equal(code, 0);
  assert.deepEqual(
    files.map((f) => [f.filePath, f.diagnostics]),
    ['bom-crlf.md', 'bom.md', 'crlf.md', 'lf.md'].map((name) => [`endings/${name}`, [TODO_DIAGNOSTIC]]),
  );
});

test('cli: front matter that never closes is reported, not a crash', () => {
  workspace('fm', { 'unclosed.md': '---\ntitle: x\n# Never closed\n\nText\n', 'two.md': '---\ntitle: a\n---\n---\ntitle: b\n---\n# Two\n' });
  const unclosed = lintJson(['fm/unclosed.md']);
  assert.equal(unclosed.code, 1);
  assert.deepEqual(unclosed.files[0].diagnostics.map((d) => [d.ruleId, d.severity, d.line, d.column]), [['frontmatter.unclosed', 'error', 1, 1]]);
  // A second block is ordinary Markdown after the first (a setext heading here): no front matter error.
  const two = lintJson(['fm/two.md']);
  assert.equal(two.files.length, 1);
  assert.deepEqual(two.files[0].diagnostics.filter((d) => d.ruleId.startsWith('frontmatter.')), []);
});

test('cli: a 5 MB document is linted quickly', () => {
  const section = '## Step {n}: Build\n\nRun the build and check it.\n\n```bash\nnpm run build\n```\n\n**Validation**: `ls dist`\n\n';
  let text = '# Big\n\n';
  for (let n = 1; text.length < 5 * 1024 * 1024; n++) text += section.replace('{n}', String(n));
  workspace('big', { 'big.md': text });
  const started = Date.now();
  const r = wfs(['lint', 'big/big.md', '--no-config', '--format', 'json']);
  const elapsed = Date.now() - started;
  assert.notEqual(r.code, 2, r.stderr);
  assert.equal((JSON.parse(r.stdout) as JsonFile[])[0].filePath, 'big/big.md');
  // Generous for a loaded CI machine; it takes about a second here.
  assert.ok(elapsed < 15_000, `took ${elapsed} ms`);
});

test('cli: folders are searched recursively; node_modules, .git and non-workflow YAML are skipped', () => {
  workspace('tree', {
    'a.md': TODO_DOC,
    'docs/deep/b.markdown': TODO_DOC,
    'docs/c.txt': TODO_DOC,
    '.windsurf/workflows/d.md': TODO_DOC,
    'flows/build.workflow.yaml': 'metadata:\n  name: build\nsteps:\n  - name: one\n    type: action\n',
    'config/settings.yaml': 'name: not a workflow\n',
    'node_modules/pkg/README.md': TODO_DOC,
    '.git/info/x.md': TODO_DOC,
  });
  const { code, files } = lintJson(['tree'], work);
  assert.equal(code, 0);
  assert.deepEqual(files.map((f) => [f.filePath, f.format]), [
    // A file where an agent tool keeps its workflows is read as the agent's.
    ['tree/.windsurf/workflows/d.md', 'agent'],
    ['tree/a.md', 'plain'],
    ['tree/docs/deep/b.markdown', 'plain'],
    ['tree/flows/build.workflow.yaml', 'yaml-definition'],
  ]);
  // Globs and named files reach what a folder walk leaves out.
  assert.deepEqual(lintJson(['tree/docs/*.txt']).files.map((f) => f.filePath), ['tree/docs/c.txt']);
  // A file reached twice is linted once, and counts as found for both inputs.
  const twice = lintJson(['tree/docs/c.txt', 'tree/a.md', 'tree']);
  assert.equal(twice.code, 0, twice.stderr);
  assert.deepEqual(twice.files.map((f) => f.filePath), ['tree/docs/c.txt', 'tree/a.md', 'tree/.windsurf/workflows/d.md', 'tree/docs/deep/b.markdown', 'tree/flows/build.workflow.yaml']);
});

test('cli: human output, summary, --quiet and --max-warnings', () => {
  const dir = workspace('human', { 'x.md': TODO_DOC, 'y.md': '---\ntitle: y\n# Open\n\nStill drafting.\n' });
  const r = wfs(['lint', '.', '--no-config'], dir);
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    'x.md:5:10  information  TODO: pick a cache  todo.marker\n\n' +
      'y.md:1:1  error  Front matter is never closed: add a "---" line after it (for a horizontal rule, write "***" instead).  frontmatter.unclosed\n\n' +
      '2 problems (1 error, 0 warnings, 1 info)\n',
  );
  const quiet = wfs(['lint', 'x.md', '--no-config', '--quiet'], dir);
  assert.deepEqual(quiet, { code: 0, stdout: '0 problems (0 errors, 0 warnings, 0 infos)\n', stderr: '' });
  const warned = wfs(['lint', 'x.md', '--no-config', '--rule', 'todo.marker=warning', '--max-warnings', '0'], dir);
  assert.equal(warned.code, 1);
  assert.equal(warned.stderr, 'wfs: too many warnings (1); maximum allowed is 0\n');
  assert.equal(wfs(['lint', 'x.md', '--no-config', '--rule', 'todo.marker=warning', '--max-warnings', '1'], dir).code, 0);
  assert.equal(wfs(['lint', 'x.md', '--no-config', '--rule', 'todo.marker=error'], dir).code, 1);
  assert.equal(wfs(['lint', 'y.md', '--no-config', '--rule', 'frontmatter.unclosed=off'], dir).code, 0);
  // Colors only when asked for (stdout is a pipe here).
  assert.match(wfs(['lint', 'y.md', '--no-config', '--color'], dir).stdout, /\u001b\[31merror/);
});

test('cli: --format sarif has the required SARIF 2.1.0 properties', () => {
  const dir = workspace('sarif', { 'docs/x.md': TODO_DOC });
  const r = wfs(['lint', 'docs', '--no-config', '--format', 'sarif'], dir);
  assert.equal(r.code, 0);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs.length, 1);
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'wfs');
  assert.equal(run.tool.driver.version, packageVersion);
  const ids = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
  assert.ok(ids.includes('todo.marker') && ids.includes('section.blank'));
  for (const rule of run.tool.driver.rules) {
    assert.equal(typeof rule.shortDescription.text, 'string');
    assert.equal(typeof rule.fullDescription.text, 'string');
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    assert.ok(rule.help.text.includes(`docs/rules/${rule.id}.md`));
  }
  assert.deepEqual(run.results, [
    {
      ruleId: 'todo.marker',
      ruleIndex: ids.indexOf('todo.marker'),
      level: 'note',
      message: { text: 'TODO: pick a cache' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'docs/x.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 10, endLine: 5, endColumn: 28 } } }],
    },
  ]);
});

test('cli: usage errors exit 2 with one line', () => {
  const cases: Array<[string[], string]> = [
    [['lint', '--frob'], 'wfs: unknown option: --frob\n'],
    [['deploy'], 'wfs: unknown command "deploy" (expected "lint", "steps", "rules", "conventions", "run", "check", "runs" or "export")\n'],
    [['lint', '--format-of', 'docx'], 'wfs: unknown document format "docx" (valid: frontmatter, file-header, catalog, skill-sequence, yaml-definition, agent, reference, plain)\n'],
    [['lint', '--rule', 'no.such-rule=off'], 'wfs: unknown rule "no.such-rule" (run "wfs rules" to list them)\n'],
    [['lint', '--format'], 'wfs: option --format needs a value\n'],
  ];
  for (const [args, first] of cases) {
    const r = wfs(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, first + 'Run "wfs --help" for usage.\n');
  }
});

test('cli: --help, --version and wfs rules', () => {
  const help = wfs(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: wfs lint \[options\] \[paths or globs\.\.\.\]/);
  assert.deepEqual(wfs(['--version']), { code: 0, stdout: `${packageVersion}\n`, stderr: '' });
  const rules = wfs(['rules']);
  assert.equal(rules.code, 0);
  const service = createWorkflowService();
  const lines = rules.stdout.trimEnd().split('\n');
  assert.equal(lines.length, service.rules.length);
  const blank = service.rules.find((r) => r.id === 'section.blank')!;
  assert.ok(lines.some((l) => l.startsWith('section.blank ') && l.includes(` ${blank.defaultSeverity} `) && l.endsWith(blank.description)));
});

test('cli: the config file is found in a parent folder and applied', () => {
  const dir = workspace('configured', {
    '.wfs.json': '{\n  // Quiet TODOs, but make them errors under strict/.\n  "rules": { "todo.marker": "off" },\n  "formats": { "catalogs/**": "catalog" },\n  "exclude": ["drafts"],\n}\n',
    'docs/x.md': TODO_DOC,
    'docs/drafts/y.md': TODO_DOC,
    'catalogs/c.md': TODO_DOC,
  });
  const r = wfs(['lint', '.', '--format', 'json'], join(dir, 'docs'));
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual((JSON.parse(r.stdout) as JsonFile[]).map((f) => [f.filePath, f.format, f.diagnostics.length]), [['x.md', 'plain', 0]]);
  // --rule wins over the config; --format-of wins over the config's formats.
  const cat = wfs(['lint', 'catalogs', '--format', 'json', '--rule', 'todo.marker=error'], dir);
  const [file] = JSON.parse(cat.stdout) as JsonFile[];
  assert.equal(file.format, 'catalog');
  assert.ok(file.diagnostics.some((d) => d.ruleId === 'todo.marker' && d.severity === 'error'));
  assert.equal(cat.code, 1);
  assert.equal((JSON.parse(wfs(['lint', 'catalogs', '--format', 'json', '--format-of', 'plain'], dir).stdout) as JsonFile[])[0].format, 'plain');
  // An explicitly named file is linted even when the config excludes its folder.
  assert.deepEqual((JSON.parse(wfs(['lint', 'docs/drafts/y.md', '--format', 'json'], dir).stdout) as JsonFile[]).map((f) => f.filePath), ['docs/drafts/y.md']);
});

test('cli: the config\'s include globs limit what folders yield', () => {
  const dir = workspace('included', {
    '.wfs.json': '{ "include": ["docs/workflows/**"] }',
    'docs/workflows/a.md': TODO_DOC,
    'docs/notes/b.md': TODO_DOC,
    'README.md': TODO_DOC,
  });
  const r = wfs(['lint', '.', '--format', 'json'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual((JSON.parse(r.stdout) as JsonFile[]).map((f) => f.filePath), ['docs/workflows/a.md']);
});

test('cli: a bad config file or template is a one-line error (exit 2)', () => {
  const bad = workspace('bad-config', { '.wfs.json': '{ "rules": { "nope.rule": "off" }, "colour": true }', 'x.md': TODO_DOC });
  assert.deepEqual(wfs(['lint', 'x.md'], bad), {
    code: 2,
    stdout: '',
    stderr: 'wfs: .wfs.json: "rules": unknown rule "nope.rule"\nwfs: .wfs.json: "colour": unknown key (known keys: rules, template, formats, auditMaxAgeDays, skills, include, exclude, destructiveCommands, shellcheck, templates, conventions)\n',
  });
  const noTemplate = workspace('no-template', { '.wfs.json': '{ "template": "templates/team.md" }', 'x.md': TODO_DOC });
  assert.deepEqual(wfs(['lint', 'x.md'], noTemplate), { code: 2, stdout: '', stderr: 'wfs: cannot read template templates/team.md: no such file\n' });
  assert.deepEqual(wfs(['lint', 'x.md', '--config', 'missing.json'], noTemplate), { code: 2, stdout: '', stderr: 'wfs: cannot read config file missing.json: no such file\n' });
});

test('cli: a .wfs.json that is no regular file inside its folder is refused unread (exit 2)', () => {
  const outside = "the path resolves outside the config's folder and the current folder; it is not read";
  const zero = workspace('config-zero', { 'x.md': TODO_DOC });
  symlinkSync('/dev/zero', join(zero, '.wfs.json'));
  assert.deepEqual(wfs(['lint', 'x.md'], zero), { code: 2, stdout: '', stderr: `wfs: cannot read config file .wfs.json: ${outside}\n` });
  const fifo = workspace('config-fifo', { 'x.md': TODO_DOC });
  execFileSync('mkfifo', [join(fifo, '.wfs.json')]);
  assert.deepEqual(wfs(['lint', 'x.md'], fifo), { code: 2, stdout: '', stderr: 'wfs: cannot read config file .wfs.json: not a regular file (a FIFO)\n' });
  assert.deepEqual(wfs(['lint', 'x.md', '--config', '.wfs.json'], fifo), { code: 2, stdout: '', stderr: 'wfs: cannot read config file .wfs.json: not a regular file (a FIFO)\n' });
  const big = workspace('config-big', { 'x.md': TODO_DOC, '.wfs.json': `{ "skills": [${'"x", '.repeat(250_000)}"y"] }` });
  assert.deepEqual(wfs(['lint', 'x.md'], big), { code: 2, stdout: '', stderr: 'wfs: cannot read config file .wfs.json: 1.3 MB, over the 1 MB limit for config files\n' });
  // A config symlinked to a secret file out of the folder: JSON.parse's error would quote its first bytes.
  workspace('config-secret', { 'prod.env': 'DB_PASSWORD=hunter2\n' });
  const linked = workspace('config-linked/repo', { 'x.md': TODO_DOC });
  symlinkSync(join(work, 'config-secret', 'prod.env'), join(linked, '.wfs.json'));
  const r = wfs(['lint', 'x.md'], linked);
  assert.deepEqual(r, { code: 2, stdout: '', stderr: `wfs: cannot read config file .wfs.json: ${outside}\n` });
});

test('cli: a template outside the config\'s folder and the current folder is refused by its key, unread (exit 2)', () => {
  const outside = "the path resolves outside the config's folder and the current folder; it is not read";
  workspace('secrets-outside', { 'prod.env': '# Production\n\n## DB_PASSWORD=hunter2\n\n## API_TOKEN=s3cr3t\n' });
  const dir = workspace('template-outside', { 'x.md': TODO_DOC, '.wfs.json': '{ "template": "../secrets-outside/prod.env" }' });
  const leak = wfs(['lint', 'x.md', '--format', 'sarif'], dir);
  assert.deepEqual(leak, { code: 2, stdout: '', stderr: `wfs: .wfs.json: "template": ../secrets-outside/prod.env: ${outside}\n` });
  const up = '../'.repeat(dir.split(sep).length) + 'dev/zero';
  writeFileSync(join(dir, '.wfs.json'), JSON.stringify({ template: up }));
  assert.deepEqual(wfs(['lint', 'x.md'], dir), { code: 2, stdout: '', stderr: `wfs: .wfs.json: "template": ${up}: ${outside}\n` });
  // A symlink inside the folder to a file outside is just as outside; one to a file inside is followed.
  mkdirSync(join(dir, 't'));
  symlinkSync(join(work, 'secrets-outside', 'prod.env'), join(dir, 't', 'linked.md'));
  writeFileSync(join(dir, '.wfs.json'), '{ "template": "t/linked.md" }');
  assert.deepEqual(wfs(['lint', 'x.md'], dir), { code: 2, stdout: '', stderr: `wfs: .wfs.json: "template": t/linked.md: ${outside}\n` });
  writeFileSync(join(dir, 't', 'team.md'), '# Team Workflow\n\n## Purpose\n\nWhy.\n\n## Sign-off\n\nWho approves.\n');
  symlinkSync('team.md', join(dir, 't', 'alias.md'));
  writeFileSync(join(dir, '.wfs.json'), '{ "template": "t/alias.md" }');
  const ok = wfs(['lint', 'x.md', '--format', 'json', '--rule', 'section.missing=error'], dir);
  assert.match(ok.stdout, /Missing required section \\"Sign-off\\"/);
  // A FIFO or a file over the limit: no wait, no partial template.
  execFileSync('mkfifo', [join(dir, 't', 'pipe.md')]);
  writeFileSync(join(dir, '.wfs.json'), '{ "template": "t/pipe.md" }');
  assert.deepEqual(wfs(['lint', 'x.md'], dir), { code: 2, stdout: '', stderr: 'wfs: cannot read template t/pipe.md: not a regular file (a FIFO)\n' });
  writeFileSync(join(dir, 't', 'big.md'), '# Big\n\n' + '## Section\n\nText.\n\n'.repeat(60_000));
  writeFileSync(join(dir, '.wfs.json'), '{ "template": "t/big.md" }');
  assert.deepEqual(wfs(['lint', 'x.md'], dir), { code: 2, stdout: '', stderr: 'wfs: cannot read template t/big.md: 1.1 MB, over the 1 MB limit for templates\n' });
});

test('cli: documents that are no regular file or over the size limit are skipped with the reason', () => {
  const dir = workspace('odd-documents', { 'ok.md': TODO_DOC, 'big.md': '# Big\n\n' + 'Text line of a long runbook.\n'.repeat(300_000) });
  symlinkSync('/dev/zero', join(dir, 'zero.md'));
  execFileSync('mkfifo', [join(dir, 'pipe.md')]);
  const r = lintJson(['zero.md', 'pipe.md', 'big.md', 'ok.md'], dir);
  assert.equal(r.code, 0);
  assert.equal(
    r.stderr,
    'zero.md: skipped: not a regular file (a character device)\n' +
      'pipe.md: skipped: not a regular file (a FIFO)\n' +
      'big.md: skipped: 8.7 MB, over the 8 MB limit for workflow documents\n',
  );
  assert.deepEqual(r.files.map((f) => f.filePath), ['ok.md']);
  // A folder walk lists neither symlinks nor FIFOs.
  assert.deepEqual(lintJson(['.'], dir).files.map((f) => f.filePath), ['ok.md']);
});

test('cli: a team template from the config replaces the built-in one', () => {
  const template = '# Team Workflow\n\n## Purpose\n\nWhy this workflow exists.\n\n## Steps\n\n### 1. [Step Name]\n\n## Sign-off\n\nWho approves the result.\n';
  const dir = workspace('team-template', {
    '.wfs.json': '{ "template": "templates/team.md", "formats": { "docs/**": "catalog" } }',
    'templates/team.md': template,
    'docs/x.md': '# X\n\n## Purpose\n\nKeeps the cache warm.\n\n## Steps\n\n### 1. Warm\n\n```bash\nnpm run warm\n```\n',
  });
  const r = wfs(['lint', 'docs', '--format', 'json', '--rule', 'section.missing=error'], dir);
  assert.doesNotMatch(r.stderr, /internal error/);
  const [file] = JSON.parse(r.stdout) as JsonFile[];
  assert.ok(file.diagnostics.some((d) => d.ruleId === 'section.missing' && d.message.includes('Sign-off')), JSON.stringify(file.diagnostics));
});

function capture(argv: string[], createService?: () => WorkflowService): Run {
  return runCliIn(work, argv, createService);
}

test('cli: an unexpected exception is one line naming the file; the stack only with --debug', () => {
  workspace('boom', { 'x.md': TODO_DOC });
  const throwing = (): WorkflowService => {
    const real = createWorkflowService();
    return {
      ...real,
      getDiagnostics: () => {
        throw new Error('rule exploded\nsecond line');
      },
      // `wfs lint` lints the models it parsed for the conventions through this one.
      getModelDiagnostics: () => {
        throw new Error('rule exploded\nsecond line');
      },
    };
  };
  assert.deepEqual(capture(['lint', 'boom/x.md', '--no-config'], throwing), { code: 2, stdout: '', stderr: 'wfs: internal error: rule exploded (boom/x.md)\n' });
  const debug = capture(['lint', 'boom/x.md', '--no-config', '--debug'], throwing);
  assert.equal(debug.code, 2);
  assert.match(debug.stderr, /^wfs: internal error: rule exploded \(boom\/x\.md\)\nError: rule exploded\nsecond line\n\s+at /);
});

test('cli: examples/ has clean documents and the intended mistakes (what npm start shows)', () => {
  const r = wfs(['lint', 'examples', '--config', 'examples/.wfs.json', '--format', 'json'], ROOT);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr, '');

  // header.audit-stale depends on today's date (release.md's LAST-AUDITED ages): left out so the test does not expire.
  const rulesOf = (f: JsonFile): string[] => [...new Set(f.diagnostics.map((d) => d.ruleId).filter((id) => id !== 'header.audit-stale'))].sort();
  const byFile = Object.fromEntries((JSON.parse(r.stdout) as JsonFile[]).map((f) => [f.filePath, { format: f.format, rules: rulesOf(f) }]));
  assert.deepEqual(byFile, {
    'examples/docs/runbooks/incident-response.md': { format: 'plain', rules: [] },
    // Placeholders are information: the names a reader or a run fills in (`<commit>`, `<feature>`, `<YOUR_NAME>`).
    'examples/docs/workflows/customer-sync.md': {
      format: 'catalog',
      rules: ['index.field-missing', 'index.value-not-allowed', 'placeholder.unfilled', 'section.blank', 'section.not-applicable-reason', 'todo.marker'],
    },
    'examples/docs/workflows/deploy.md': { format: 'frontmatter', rules: ['placeholder.unfilled'] },
    'examples/docs/workflows/release.md': { format: 'file-header', rules: [] },
    'examples/docs/workflows/skills.md': { format: 'skill-sequence', rules: ['placeholder.unfilled', 'skill.unknown'] },
    'examples/docs/workflows/try-a-run.md': { format: 'frontmatter', rules: ['placeholder.unfilled', 'shell.unknown-placeholder'] },
    'examples/workflows/ci-checks.workflow.yaml': { format: 'yaml-definition', rules: [] },
    'examples/workflows/nightly-report.workflow.yaml': { format: 'yaml-definition', rules: ['yaml.cycle', 'yaml.unknown-target', 'yaml.unreachable-step'] },
  });
});
