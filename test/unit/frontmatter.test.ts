// parseFrontmatter: delimiters, languages, exact offsets (BOM, CRLF), errors, the fast path's agreement with
// the `yaml` library (differential), and proof that `---js` front matter is never run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import matter from 'gray-matter';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, visit } from 'yaml';
import { parseFrontmatter, parseYamlContent, resolvePlainScalar, scanFlatYaml } from '../../server/src/service/parse/frontmatter';
import type { ParsedContent } from '../../server/src/service/parse/frontmatter';
import { computeLineStarts } from '../../server/src/service/text';
import { createWorkflowService } from '../../server/src/service';
import { ownMarkdownDocuments } from './support/fixtures';
import type { OwnDocument } from './support/fixtures';
import { sharedDocuments, sharedMissing } from './support/shared';

function parse(text: string) {
  return parseFrontmatter(text, computeLineStarts(text));
}

/** The text a span covers, so expectations read as text and offsets at once. */
function at(text: string, start: number, end: number): string {
  return text.slice(start, end);
}

test('reads YAML front matter with exact key and value spans', () => {
  const text = '---\ntitle: "Release"\ntags: [a, b]\nversion: 2\nowners:\n  - ops\n  - dev # lead\nempty:\n---\n# Body\n';
  const fm = parse(text);
  assert.ok(fm);
  assert.equal(fm.language, 'yaml');
  assert.equal(fm.closed, true);
  assert.equal(fm.start, 0);
  assert.equal(fm.end, text.indexOf('\n# Body'));
  assert.equal(fm.contentStart, 4);
  assert.equal(fm.contentEnd, text.indexOf('---\n# Body'));
  assert.equal(fm.endLine, 9);
  assert.deepEqual(fm.errors, []);
  assert.deepEqual(fm.data, { title: 'Release', tags: ['a', 'b'], version: 2, owners: ['ops', 'dev'], empty: null });
  assert.deepEqual(
    fm.entries.map((e) => [e.key, at(text, e.keyStart, e.keyEnd), at(text, e.valueStart, e.valueEnd), e.value]),
    [
      ['title', 'title', '"Release"', 'Release'],
      ['tags', 'tags', '[a, b]', ['a', 'b']],
      ['version', 'version', '2', 2],
      ['owners', 'owners', '- ops\n  - dev', ['ops', 'dev']],
      ['empty', 'empty', '', null],
    ],
  );
  const empty = fm.entries[4];
  assert.equal(empty.valueStart, text.indexOf('empty:') + 6);
});

test('keeps exact offsets with a BOM and CRLF line endings', () => {
  const text = '\uFEFF---\r\ntitle: Deploy\r\nsteps:\r\n  - build\r\n---\r\n# Deploy\r\n';
  const fm = parse(text);
  assert.ok(fm);
  assert.equal(fm.start, 1);
  assert.equal(fm.contentStart, 6);
  assert.equal(at(text, fm.start, fm.end), '---\r\ntitle: Deploy\r\nsteps:\r\n  - build\r\n---');
  assert.equal(fm.endLine, 5);
  assert.deepEqual(fm.data, { title: 'Deploy', steps: ['build'] });
  assert.deepEqual(
    fm.entries.map((e) => [e.keyStart, e.keyEnd, e.valueStart, e.valueEnd]),
    [
      [6, 11, 13, 19],
      [21, 26, 31, 38],
    ],
  );
  assert.equal(at(text, 31, 38), '- build');
});

test('accepts "..." and trailing spaces on the closing line, and "---yaml"/"---yml"', () => {
  const dots = parse('---\na: 1\n...  \nbody\n');
  assert.equal(dots?.closed, true);
  assert.equal(dots?.endLine, 3);
  assert.equal(dots?.end, 14);
  assert.deepEqual(parse('---yaml\na: 1\n---\n')?.data, { a: 1 });
  assert.equal(parse('---yml  \na: 1\n---\n')?.language, 'yaml');
});

test('only a "---" at line 0 opens front matter', () => {
  assert.equal(parse('# Title\n---\na: 1\n---\n'), undefined);
  assert.equal(parse('----\na: 1\n----\n'), undefined);
  assert.equal(parse('--- a: 1\n---\n'), undefined);
  assert.equal(parse(''), undefined);
  assert.equal(parse('\uFEFF'), undefined);
});

test('front matter that never closes is not front matter; the block is the opening line', () => {
  const text = '---\n\n# Runbook\n\nSome text.\n';
  const fm = parse(text);
  assert.ok(fm);
  assert.equal(fm.closed, false);
  assert.equal(fm.endLine, 0);
  assert.equal(fm.start, 0);
  assert.equal(fm.end, 3);
  assert.equal(fm.data, undefined);
  assert.deepEqual(fm.entries, []);
  assert.deepEqual(fm.errors, []);
  const alone = parse('---');
  assert.equal(alone?.closed, false);
  assert.equal(alone?.end, 3);
});

test('of two front-matter blocks only the first counts', () => {
  const text = '---\na: 1\n---\n---\nb: 2\n---\n# Body\n';
  const fm = parse(text);
  assert.deepEqual(fm?.data, { a: 1 });
  assert.equal(fm?.endLine, 3);
  assert.equal(fm?.end, 12);
});

test('an empty or comment-only front matter is an empty mapping', () => {
  assert.deepEqual(parse('---\n---\n')?.data, {});
  assert.deepEqual(parse('---\n# nothing yet\n\n---\n')?.data, {});
});

test('reports YAML syntax errors at their exact span, in full-text offsets', () => {
  const text = '---\ntitle: [Workflow] X Process\ntype: system\n---\n';
  const fm = parse(text);
  assert.ok(fm);
  assert.equal(fm.data, undefined);
  assert.deepEqual(fm.errors, [{ message: 'Unexpected scalar at node end', start: 22, end: 31 }]);
  assert.equal(at(text, 22, 31), 'X Process');
  // Entries are still listed, for hover and completion.
  assert.deepEqual(fm.entries.map((e) => e.key), ['title', 'type']);
});

test('reports duplicate keys as errors', () => {
  const text = '---\na: 1\nb: 2\na: 3\n---\n';
  const fm = parse(text);
  assert.equal(fm?.errors.length, 1);
  assert.match(fm!.errors[0].message, /Map keys must be unique/);
  assert.equal(at(text, fm!.errors[0].start, fm!.errors[0].end), 'a');
  const long = '---\nowner: a\nowner: b\n---\n';
  const error = parse(long)!.errors[0];
  assert.equal(at(long, error.start, error.end), 'owner');
  assert.equal(error.start, 13);
  assert.equal(fm!.errors[0].start, 14);
  assert.deepEqual(fm!.entries.map((e) => e.value), [1, 2, 3]);
});

test('falls back to the yaml library for nested maps, anchors and block scalars, with ranges', () => {
  const text = '---\nmeta:\n  owner: ops\nbase: &b x\ncopy: *b\nnotes: |\n  line one\n  line two\n---\n';
  const fm = parse(text);
  assert.ok(fm);
  assert.deepEqual(fm.errors, []);
  assert.deepEqual(fm.data, { meta: { owner: 'ops' }, base: 'x', copy: 'x', notes: 'line one\nline two\n' });
  assert.deepEqual(
    fm.entries.map((e) => [e.key, at(text, e.valueStart, e.valueEnd)]),
    [
      ['meta', 'owner: ops'],
      ['base', 'x'],
      ['copy', '*b'],
      ['notes', '|\n  line one\n  line two'],
    ],
  );
});

test('a front matter that is not a mapping has no data', () => {
  const fm = parse('---\n- a\n- b\n---\n');
  assert.equal(fm?.data, undefined);
  assert.deepEqual(fm?.errors, []);
});

test('reads JSON front matter: "---json" and "---" followed by "{"', () => {
  const text = '---json\n{"title": "Release", "tags": ["a"]}\n---\n';
  const fm = parse(text);
  assert.equal(fm?.language, 'json');
  assert.deepEqual(fm?.data, { title: 'Release', tags: ['a'] });
  assert.deepEqual(
    fm?.entries.map((e) => [at(text, e.keyStart, e.keyEnd), at(text, e.valueStart, e.valueEnd)]),
    [
      ['"title"', '"Release"'],
      ['"tags"', '["a"]'],
    ],
  );
  const tolerated = parse('---\n{ "title": "x" }\n---\n');
  assert.equal(tolerated?.language, 'json');
  assert.deepEqual(tolerated?.data, { title: 'x' });
  const broken = '---json\n{"a": 1,}\n---\n';
  const bad = parse(broken);
  assert.equal(bad?.data, undefined);
  assert.equal(bad?.errors.length, 1);
  assert.equal(at(broken, bad!.errors[0].start, bad!.errors[0].end), '}');
});

test('records other languages and parses nothing', () => {
  for (const lang of ['js', 'javascript', 'coffee', 'toml']) {
    const fm = parse(`---${lang}\n{ title: "x" }\n---\n# Body\n`);
    assert.equal(fm?.language, lang);
    assert.equal(fm?.data, undefined);
    assert.deepEqual(fm?.entries, []);
    assert.deepEqual(fm?.errors, []);
    assert.equal(fm?.endLine, 3);
  }
});

test('resolves plain scalars as the YAML 1.2 core schema does', () => {
  const cases: [string, unknown][] = [
    ['true', true], ['False', false], ['TRUE', true], ['tRue', 'tRue'], ['yes', 'yes'], ['null', null], ['~', null],
    ['NULL', null], ['12', 12], ['+12', 12], ['-0', -0], ['0x1F', 31], ['0o17', 15], ['017', 17], ['0b1', '0b1'],
    ['1.5', 1.5], ['.5', 0.5], ['1e3', 1000], ['.inf', Infinity], ['-.Inf', -Infinity], ['1_000', '1_000'],
    ['2024-01-15', '2024-01-15'], ['2024-01-15T10:00:00Z', '2024-01-15T10:00:00Z'], ['nan', 'nan'],
  ];
  for (const [raw, value] of cases) assert.deepStrictEqual(resolvePlainScalar(raw), value, raw);
  assert.ok(Number.isNaN(resolvePlainScalar('.NaN')));
});

// ---------------------------------------------------------------------------------------------
// Differential: the fast path against the yaml library.
// ---------------------------------------------------------------------------------------------

/** Every `---` ... `---` block in a file (front matter proper and examples of it inside fences). */
function embeddedFrontmatters(text: string): string[] {
  const out: string[] = [];
  const re = /^---[ \t]*\r?\n([\s\S]*?)^---[ \t]*$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]);
  return out;
}

/** A small deterministic generator (LCG), so failures reproduce. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state % n;
  };
}

const SCALARS = [
  'true', 'True', 'tRue', 'yes', 'on', 'null', '~', 'NULL', '0x1F', '0X1F', '0o17', '0b101', '017', '+12', '-0', '1_000',
  '1.5', '1.', '.5', '-.5', '1e3', '1E-3', '.inf', '-.Inf', '.NaN', 'nan', '2024-01-15', '2024-01-15T10:00:00Z',
  "'2025-09-19T06:58:56.086177'", '12:30', 'a: b', 'a:b', 'a #b', 'a#b', 'x, y', 'x]', 'x}', 'x{y', '[a, b]', '[ ]', '[]',
  '[a,]', '[a, , b]', `['a', "b", 1, true]`, '[a b, c]', '[a, [b]]', '[a: b]', '[a #c]', '[a,b', '"quoted \\n esc"',
  '"q\\u00e9\\x41\\U0001F600"', '"bad \\q"', '"unterminated', "'it''s'", "'x'y", '"x"y', '"x" # c', '"x"#c', '- x', '-x', '-',
  '?x', '? x', ':x', ': x', '@x', '`x`', '%x', '&a x', '*a', '!tag x', '|', '>', '{a: 1}', 'é unicode', '日本語', '',
  '# comment', 'x # comment', 'x  ', 'a\\b', '"a\\\\b"', '-1', '0', '00', '0.0', '-0.0', '1e', '.', '...', 'x:', 'x :y', '"',
  "'", "''", '""', "a'b", 'a"b', '#', '99999999999999999999', '0x', '0o8', '12e+3', '1.2.3', 'Yes', '~x', 'null x', 'a\tb',
  'Review an ADR (MADR 4.0 + conventions)', 'Bash, Read, Edit', '"*"',
];
/** Values real front matter uses: most generated lines are flat, so the fast path is exercised. */
const COMMON_SCALARS = [
  'Release Process', '"[Workflow] Weekly Release"', "'quoted'", 'system', 'workflow', '7', '1', '0', 'true', 'false', 'weekly',
  'on-demand', 'semi-auto', '2024-01-15T10:00:00Z', "'2025-09-19T06:58:56.086177'", '[workflow, release, weekly]', '[]',
  '["a", \'b\']', 'read-only', 'Bash, Read, Edit', '"*"', 'Review an ADR (MADR 4.0 + conventions)', 'ou の新バージョン', '3.5',
];
const COMMON_KEYS = ['title', 'type', 'subtype', 'description', 'version', 'tags', 'allowed-tools', 'sidebar_label', 'created', 'tool_targets', 'mode', 'ship_factor', 'active', 'frequency'];
const KEYS = ['a', 'b-c', 'd_e', 'f.g', 'h/i', 'K', 'x1', '_u', '__proto__', 'null', 'true', '1a', '-a', '.a', '"q"', "'s'", 'a b', '日本', 'tags', 'tags'];

function generateFlatYaml(r: (n: number) => number): string {
  const pick = <T>(list: readonly T[]): T => list[r(list.length)];
  // Half the documents are clean (the fast path's subset, as real front matter is); the other half mix in
  // oddities that must fall back.
  const noisy = r(2) === 0;
  const odd = (): boolean => noisy && r(4) === 0;
  const scalar = (): string => (odd() ? pick(SCALARS) : pick(COMMON_SCALARS));
  // Mostly distinct keys: a repeated key always falls back.
  const key = (): string => (odd() ? pick(KEYS) : pick(COMMON_KEYS) + (r(8) === 0 ? '' : `_${lines.length}`));
  const lines: string[] = [];
  const count = 1 + r(10);
  for (let j = 0; j < count; j++) {
    const kind = r(20);
    if (kind === 0) lines.push('');
    else if (kind === 1) lines.push(pick(['# c', '  # c', '#c', '    #x']));
    else if (kind < 5) {
      lines.push(key() + (odd() ? pick([':', ': ', ':  # c', ' :']) : pick([':', ':  # c'])));
      const indent = pick(['', '  ', '  ', '    ', ' ']);
      for (let q = r(4); q > 0; q--) {
        if (r(8) === 0) lines.push(pick(['', '# c', '  # c']));
        const dash = odd() ? pick(['-', '-  ', '- - ']) : '- ';
        lines.push((odd() ? pick(['', '  ', '   ']) : indent) + dash + scalar() + (odd() ? ' # c' : ''));
        if (odd() && r(4) === 0) lines.push(indent + '  continued');
      }
    } else {
      const colon = odd() ? pick([':', ':  ', ' : ']) : ': ';
      lines.push(key() + colon + scalar() + (odd() ? pick([' ', ' # c', '#c']) : ''));
      if (odd() && r(4) === 0) lines.push(pick(['  more', '  # c', '  - x', '\tx', '  a: 1']));
    }
  }
  let text = lines.join('\n') + (r(3) ? '\n' : '');
  if (r(10) === 0) text = text.replace(/\n/g, '\r\n');
  return text;
}

const MUTATION_CHARS = [' ', ':', '-', '#', "'", '"', '[', ']', '{', '}', ',', '\n', '\t', '&', '*', '!', '|', '>', '?', '%', '@', '`', '~', '0', '1', '.', 'x', '\\', '\r'];

function mutate(text: string, r: (n: number) => number): string {
  const lines = text.split('\n');
  switch (r(5)) {
    case 0: {
      const p = r(text.length + 1);
      return text.slice(0, p) + MUTATION_CHARS[r(MUTATION_CHARS.length)] + text.slice(p);
    }
    case 1: {
      const p = r(Math.max(1, text.length));
      return text.slice(0, p) + text.slice(p + 1);
    }
    case 2: {
      const i = r(lines.length);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 3: {
      const i = r(lines.length);
      lines[i] = '  ' + lines[i];
      return lines.join('\n');
    }
    default: {
      const i = r(lines.length);
      const j = r(lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
  }
}

/** Runs both paths on `yaml` (placed after a prefix, so offsets are checked as full-text offsets). */
function compare(yaml: string, prefix: string): 'fast' | 'fallback' {
  const text = prefix + yaml;
  const fast = scanFlatYaml(text, prefix.length, text.length);
  if (!fast) return 'fallback';
  const slow: ParsedContent = parseYamlContent(text, prefix.length, text.length);
  const label = JSON.stringify(yaml);
  assert.deepStrictEqual(slow.errors, [], `the fast path accepted YAML the library rejects: ${label}`);
  assert.deepStrictEqual(fast.data, slow.data, `data differs for ${label}`);
  assert.deepStrictEqual(fast.entries, slow.entries, `entries differ for ${label}`);
  return 'fast';
}

/**
 * Why the fast path leaves a front matter to `yaml` by design (see scanFlatYaml): the construct outside its flat
 * subset that the text uses, or undefined when the text is inside the subset.
 */
function outsideFlatSubset(yamlText: string): string | undefined {
  if (/\t/.test(yamlText)) return 'a tab';
  const doc = parseDocument(yamlText, { uniqueKeys: true });
  if (doc.errors.length > 0) return 'invalid YAML';
  if (doc.contents !== null && !isMap(doc.contents)) return 'not a mapping';
  let reason: string | undefined;
  visit(doc, {
    Node(_key, node, path) {
      const parent = path[path.length - 1];
      if (isAlias(node) || node.anchor) reason = 'an anchor or alias';
      else if (node.tag) reason = 'a tag';
      else if (isMap(node) && node !== doc.contents) reason = 'a nested mapping';
      else if (isSeq(node) && (isSeq(parent) || (node.flow && node.items.some((item) => !isScalar(item))))) reason = 'a nested list';
      else if (isScalar(node) && (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL)) reason = 'a block scalar';
      else if (isScalar(node) && node.range && yamlText.slice(node.range[0], node.range[1]).includes('\n')) reason = 'a multi-line scalar';
      else if (isScalar(node) && isPair(parent) && parent.key === node && (node.type !== Scalar.PLAIN || !/^[A-Za-z_][\w./-]*$/.test(String(node.source)))) {
        reason = 'a key that is quoted or starts with a digit, dash or dot';
      }
      return reason ? visit.BREAK : undefined;
    },
  });
  return reason;
}

interface FrontmatterReport {
  /** Documents whose front matter took the fast path (and read the same as `yaml`). */
  fast: string[];
  /** Documents whose front matter fell back to `yaml`, with the construct that made it fall back. */
  fellBack: string[];
}

/**
 * Both paths on each document's front matter and on every `---` block inside it (examples in fences): the same
 * data and entries whenever the fast path answers, and a fallback only for front matter outside the flat subset.
 */
function compareFrontmatters(documents: readonly OwnDocument[]): FrontmatterReport {
  const report: FrontmatterReport = { fast: [], fellBack: [] };
  for (const { name, text } of documents) {
    const fm = parse(text);
    if (fm?.closed && fm.language === 'yaml') {
      const yamlText = text.slice(fm.contentStart, fm.contentEnd);
      if (compare(yamlText, '---\n') === 'fast') report.fast.push(name);
      else {
        const reason = outsideFlatSubset(yamlText);
        assert.ok(reason, `${name}: the fast path left flat front matter to the yaml library`);
        report.fellBack.push(`${name} (${reason})`);
      }
    }
    for (const block of embeddedFrontmatters(text)) compare(block, '---\n');
  }
  return report;
}

test('differential: the front matter of the project\'s documents reads the same on both paths; only front matter outside the flat subset falls back', () => {
  const { fast, fellBack } = compareFrontmatters(ownMarkdownDocuments());
  assert.deepEqual(fast, ['formats/catalog-template.md', 'formats/frontmatter-workflow.md', 'templates/team-template.md']);
  // The constructs real agent skills and notebooks use: a folded description, nested maps.
  assert.deepEqual(fellBack, ['frontmatter/folded-description.md (a block scalar)', 'frontmatter/nested-map.md (a nested mapping)']);
});

test('differential: every front matter of the corpus and seeds reads the same on both paths; only front matter outside the flat subset falls back', { skip: sharedMissing }, (t) => {
  const { fast, fellBack } = compareFrontmatters(sharedDocuments());
  t.diagnostic(`fast path: ${fast.length}; yaml library: ${fellBack.join(', ')}`);
  assert.ok(fast.length >= 9, `expected the corpus and seeds to have flat front matter (found ${fast.length})`);
});

test('differential: thousands of generated and mutated flat front matters read the same on both paths', (t) => {
  const r = random(20240115);
  let generatedFast = 0;
  for (let i = 0; i < 4000; i++) {
    if (compare(generateFlatYaml(r), ['', '---\n', 'x\r\n'][r(3)]) === 'fast') generatedFast++;
  }
  // The front matters of the project's documents, and of ../shared's when it is there, mutated.
  const documents = [...ownMarkdownDocuments(), ...(sharedMissing ? [] : sharedDocuments())];
  const seeds = documents.flatMap(({ text }) => embeddedFrontmatters(text));
  let mutatedFast = 0;
  for (const seed of seeds) {
    for (let i = 0; i < 150; i++) {
      let text = seed;
      for (let m = 1 + r(2); m > 0; m--) text = mutate(text, r);
      if (compare(text, '---\n') === 'fast') mutatedFast++;
    }
  }
  // The comparison means something only if the fast path takes a good share of the inputs: most of the clean
  // half of the generated ones, and some of the mutated real ones.
  t.diagnostic(`fast path: ${generatedFast} of 4000 generated and ${mutatedFast} of ${seeds.length * 150} mutated inputs; the rest fell back to the yaml library`);
  assert.ok(generatedFast > 1200, `the fast path took only ${generatedFast} of 4000 generated inputs`);
  assert.ok(mutatedFast > 100, `the fast path took only ${mutatedFast} of ${seeds.length * 150} mutated inputs`);
});

test('never throws, and keeps every offset inside the text, on random and hostile input', () => {
  const r = random(7);
  const alphabet = ['---', '...', '\n', '\r\n', '\r', ' ', '  ', ':', '- ', '#', '"', "'", '[', ']', '{', '}', '&a', '*a', '!!str', '|', '>', '\t', 'key', 'x', '1', '\uFEFF', '\u2028', '%YAML 1.2'];
  for (let i = 0; i < 3000; i++) {
    let text = ['---\n', '---json\n', '---js\n', '\uFEFF---\r\n', '---'][r(5)];
    for (let n = r(40); n > 0; n--) text += alphabet[r(alphabet.length)];
    if (r(2)) text += '\n---\n';
    const fm = parse(text);
    if (!fm) continue;
    const spans: [number, number][] = [[fm.start, fm.end], [fm.contentStart, fm.contentEnd], ...fm.errors.map((e): [number, number] => [e.start, e.end]),
      ...fm.entries.flatMap((e): [number, number][] => [[e.keyStart, e.keyEnd], [e.valueStart, e.valueEnd]])];
    for (const [s, e] of spans) assert.ok(s >= 0 && s <= e && e <= text.length, `${JSON.stringify(text)}: [${s}, ${e}]`);
  }
  // An alias bomb is refused, not expanded.
  const bomb = '---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n';
  const fm = parse(bomb);
  assert.equal(fm?.data, undefined);
  assert.equal(fm?.errors.length, 1);
  assert.match(fm!.errors[0].message, /alias/i);
});

// ---------------------------------------------------------------------------------------------
// Security: `---js` is never evaluated.
// ---------------------------------------------------------------------------------------------

test('a ---js front matter payload never runs (gray-matter with default options would run it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wfs-frontmatter-'));
  const marker = join(dir, 'pwned.txt');
  const flag = globalThis as { __wfsPwned?: boolean };
  const payload = `(globalThis.__wfsPwned = true, require('fs').writeFileSync(${JSON.stringify(marker)}, 'pwned'), { title: 'Owned' })`;
  const text = `---js\n${payload}\n---\n# Release\n\n## Steps\n\n### 1. Build\n\n\`\`\`bash\nmake\n\`\`\`\n`;
  try {
    const fm = parse(text);
    assert.equal(fm?.language, 'js');
    assert.equal(fm?.data, undefined);
    assert.equal(flag.__wfsPwned, undefined);
    assert.equal(existsSync(marker), false);

    const diagnostics = createWorkflowService().getDiagnostics({ uri: 'file:///workflows/release.md', version: 1, getText: () => text });
    const executable = diagnostics.filter((d) => d.code === 'frontmatter.executable');
    assert.deepEqual(
      executable.map((d) => [d.message, d.start, d.end]),
      [["Front matter in 'js' is never executed; use YAML", 0, 5]],
    );
    assert.equal(flag.__wfsPwned, undefined);
    assert.equal(existsSync(marker), false);

    // The danger this guards against: gray-matter with its default options evaluates the same text.
    const evaluated = matter(text);
    assert.equal((evaluated.data as { title?: string }).title, 'Owned');
    assert.equal(flag.__wfsPwned, true);
    assert.equal(existsSync(marker), true);
  } finally {
    delete flag.__wfsPwned;
    rmSync(dir, { recursive: true, force: true });
  }
});
