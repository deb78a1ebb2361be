/**
 * Differential test: the block scanner must find the same headings, fenced and indented code blocks, list
 * items, tables, HTML blocks, block quotes and thematic breaks as markdown-it 14 (the reference), on the
 * project's own documents, the corpus and the seeds (when ../shared is there), and thousands of generated and
 * mutated documents. A disagreement is shrunk to a minimal document and printed.
 *
 * The scanner recognises HTML blocks by default, as CommonMark does; markdown-it's default preset turns
 * them off. Both are checked: `new MarkdownIt()` against `{ html: false }`, and `new MarkdownIt({ html: true })`
 * against the scanner's default.
 *
 * Known, deliberate differences (the generators avoid them; everything else must agree):
 * - A byte order mark is skipped by the scanner; markdown-it keeps it as text (so `\uFEFF# Title` would not be
 *   a heading). The BOM is removed before the text is given to markdown-it.
 * - markdown-it replaces NUL characters with U+FFFD before parsing; the scanner returns raw source slices, so a
 *   heading or info string containing NUL differs in that character only (block structure is the same).
 * - markdown-it refuses a link reference definition whose destination becomes a javascript:/vbscript:/file:/data:
 *   URL after decoding HTML entities (`&#106;avascript:`); the scanner does not decode entities, so it would take
 *   such a line as a definition where markdown-it sees a paragraph (this only matters before a setext underline).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { computeLineStarts } from '../../server/src/service/text';
import { scanMarkdown } from '../../server/src/service/parse/markdown';
import { LineFlag } from '../../server/src/service/model';
import { createRandom, generateEdgeCaseMarkdown, generateFuzzMarkdown, generateWorkflowMarkdown, mutate } from './support/markdown-gen';
import { ownMarkdownDocuments } from './support/fixtures';
import { sharedDocuments, sharedMissing } from './support/shared';

/** The Markdown documents of ../shared (its YAML definitions are left out), or none without it. */
const sharedMarkdown = (): { name: string; text: string }[] => (sharedMissing ? [] : sharedDocuments().filter((d) => !/\.ya?ml$/.test(d.name)));

const mdDefault = new MarkdownIt();
const mdHtml = new MarkdownIt({ html: true });
// Inline parsing cannot change block tokens; skipping it keeps this test fast.
mdDefault.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
mdHtml.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);

interface Blocks {
  headings: string[];
  fences: string[];
  indentedCode: string[];
  listItems: string[];
  tables: string[];
  html: string[];
  quoteLines: string;
  breakLines: string;
}

function unescapePipes(s: string): string {
  return s.replace(/\\\|/g, '|').trim();
}

/** What markdown-it finds in `body`, with line numbers shifted by `lineOffset`. */
function referenceBlocks(body: string, html: boolean, lineOffset: number, lineCount: number): Blocks {
  const tokens = (html ? mdHtml : mdDefault).parse(body, {});
  const result: Blocks = { headings: [], fences: [], indentedCode: [], listItems: [], tables: [], html: [], quoteLines: '', breakLines: '' };
  const quote = new Uint8Array(lineCount);
  const breaks = new Uint8Array(lineCount);
  const listKinds: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const map = t.map ? [t.map[0] + lineOffset, t.map[1] + lineOffset] : [-1, -1];
    switch (t.type) {
      case 'heading_open':
        result.headings.push(`h${t.tag.slice(1)} ${map[0]}-${map[1]} ${JSON.stringify(tokens[i + 1].content)}`);
        break;
      case 'fence':
        result.fences.push(`${map[0]}-${map[1]} ${JSON.stringify(t.info.trim())}`);
        break;
      case 'code_block':
        result.indentedCode.push(`${map[0]}-${map[1]}`);
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        listKinds.push(t.type === 'ordered_list_open');
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listKinds.pop();
        break;
      case 'list_item_open': {
        const ordered = listKinds[listKinds.length - 1];
        result.listItems.push(`${map[0]}-${map[1]} ${ordered ? 'ol ' + Number(t.info) : 'ul'} ${t.markup} d${listKinds.length - 1}`);
        break;
      }
      case 'table_open': {
        const cells: string[] = [];
        let j = i + 1;
        for (; tokens[j].type !== 'table_close'; j++) {
          if (tokens[j].type === 'tr_open') cells.push('/');
          if (tokens[j].type === 'inline') cells.push(tokens[j].content);
        }
        result.tables.push(`${map[0]}-${map[1]} ${JSON.stringify(cells)}`);
        break;
      }
      case 'html_block':
        result.html.push(`${map[0]}-${map[1]}`);
        break;
      case 'blockquote_open':
        quote.fill(1, map[0], map[1]);
        break;
      case 'hr':
        breaks[map[0]] = 1;
        break;
    }
  }
  result.quoteLines = lineSet(quote);
  result.breakLines = lineSet(breaks);
  return result;
}

function lineSet(flags: Uint8Array): string {
  const lines: number[] = [];
  for (let i = 0; i < flags.length; i++) if (flags[i]) lines.push(i);
  return lines.join(',');
}

function scannerBlocks(text: string, fromLine: number, html: boolean): Blocks {
  const lineStarts = computeLineStarts(text);
  const md = scanMarkdown(text, lineStarts, fromLine, { html });
  const result: Blocks = { headings: [], fences: [], indentedCode: [], listItems: [], tables: [], html: [], quoteLines: '', breakLines: '' };
  for (const h of md.headings) result.headings.push(`h${h.level} ${h.line}-${h.endLine} ${JSON.stringify(h.text)}`);
  for (const c of md.codeBlocks) {
    if (c.fenced) result.fences.push(`${c.line}-${c.endLine} ${JSON.stringify(c.info)}`);
    else result.indentedCode.push(`${c.line}-${c.endLine}`);
  }
  for (const item of md.listItems) {
    result.listItems.push(`${item.line}-${item.endLine} ${item.ordered ? 'ol ' + item.number : 'ul'} ${item.marker} d${item.depth}`);
  }
  for (const table of md.tables) {
    const cells: string[] = [];
    const columns = table.header.cells.length;
    for (const row of [table.header, ...table.rows]) {
      cells.push('/');
      for (let i = 0; i < columns; i++) cells.push(i < row.cells.length ? unescapePipes(text.slice(row.cells[i].start, row.cells[i].end)) : '');
    }
    result.tables.push(`${table.line}-${table.endLine} ${JSON.stringify(cells)}`);
  }
  for (const h of md.htmlBlocks) result.html.push(`${h.line}-${h.endLine}`);
  const quote = new Uint8Array(lineStarts.length);
  const breaks = new Uint8Array(lineStarts.length);
  for (let i = 0; i < lineStarts.length; i++) {
    quote[i] = md.lineFlags[i] & LineFlag.Quote;
    breaks[i] = md.lineFlags[i] & LineFlag.ThematicBreak;
  }
  result.quoteLines = lineSet(quote);
  result.breakLines = lineSet(breaks);
  return result;
}

/** The first disagreement between the scanner and markdown-it on `text` (body from `fromLine`), or undefined. */
function disagreement(text: string, fromLine: number, html: boolean): string | undefined {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineStarts = computeLineStarts(text);
  const bodyStart = fromLine < lineStarts.length ? lineStarts[fromLine] - (withoutBom === text || fromLine === 0 ? 0 : 1) : withoutBom.length;
  const expected = referenceBlocks(withoutBom.slice(bodyStart), html, fromLine, lineStarts.length);
  const actual = scannerBlocks(text, fromLine, html);
  for (const key of Object.keys(expected) as (keyof Blocks)[]) {
    const e = JSON.stringify(expected[key]);
    const a = JSON.stringify(actual[key]);
    if (e !== a) return `${key}:\n  markdown-it: ${e}\n  scanner:     ${a}`;
  }
  return undefined;
}

/** Removes lines while the disagreement persists, to print a small failing document. */
function shrink(text: string, fromLine: number, html: boolean): string {
  let lines = text.split('\n');
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = lines.length - 1; i >= 0; i--) {
      const candidate = [...lines.slice(0, i), ...lines.slice(i + 1)];
      if (disagreement(candidate.join('\n'), Math.min(fromLine, candidate.length), html) !== undefined) {
        lines = candidate;
        changed = true;
      }
    }
  }
  return lines.join('\n');
}

function check(name: string, text: string, fromLine = 0): void {
  for (const html of [true, false]) {
    const diff = disagreement(text, fromLine, html);
    if (diff === undefined) continue;
    const minimal = shrink(text, fromLine, html);
    assert.fail(
      `${name} (html: ${html}, fromLine: ${fromLine}): scanner and markdown-it disagree on\n${diff}\n` +
        `minimal document (JSON): ${JSON.stringify(minimal)}\n${disagreement(minimal, Math.min(fromLine, minimal.split('\n').length), html)}`,
    );
  }
}

/** The number of front-matter lines (0 when none), for checking the scanner's `fromLine`. */
function frontMatterLines(text: string): number {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[0] !== '---') return 0;
  for (let i = 1; i < lines.length; i++) if (lines[i] === '---' || lines[i] === '...') return i + 1;
  return 0;
}

/** Each document as it is, and its body alone after the front matter. */
function checkDocuments(documents: readonly { name: string; text: string }[]): void {
  for (const { name, text } of documents) {
    check(name, text);
    const fm = frontMatterLines(text);
    if (fm > 0) check(name, text, fm);
  }
}

/** Each document with CRLF and a BOM, and with lone CRs. */
function checkLineEndings(documents: readonly { name: string; text: string }[]): void {
  for (const { name, text } of documents) {
    const lf = text.replace(/\r\n/g, '\n');
    check(`${name} (CRLF+BOM)`, '\uFEFF' + lf.replace(/\n/g, '\r\n'));
    check(`${name} (CR)`, lf.replace(/\n/g, '\r'));
  }
}

test('every document of the project\'s fixtures: same blocks as markdown-it', () => {
  const documents = ownMarkdownDocuments();
  assert.ok(documents.length >= 9, `expected the fixtures, found ${documents.length} documents`);
  checkDocuments(documents);
});

test('every corpus and seed document: same blocks as markdown-it', { skip: sharedMissing }, () => {
  const documents = sharedMarkdown();
  assert.ok(documents.length >= 20, `expected the corpus and seeds, found ${documents.length} files`);
  checkDocuments(documents);
});

test('every fixture document with CRLF, lone CR and a BOM: same blocks as markdown-it', () => {
  checkLineEndings(ownMarkdownDocuments());
});

test('every corpus document with CRLF, lone CR and a BOM: same blocks as markdown-it', { skip: sharedMissing }, () => {
  checkLineEndings(sharedMarkdown().filter((d) => d.name.startsWith('corpus/')));
});

test('4,000 generated edge-case documents: same blocks as markdown-it', () => {
  for (let seed = 1; seed <= 4000; seed++) check(`generateEdgeCaseMarkdown(${seed}, 50)`, generateEdgeCaseMarkdown(seed, 50));
});

test('300 generated workflow documents: same blocks as markdown-it, with and without front matter', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const text = generateWorkflowMarkdown(seed, 120);
    check(`generateWorkflowMarkdown(${seed}, 120)`, text);
    check(`generateWorkflowMarkdown(${seed}, 120)`, text, frontMatterLines(text));
  }
});

test('3,000 mutated fixture, corpus, seed and generated documents: same blocks as markdown-it', () => {
  // The corpus and seeds join the fixtures when ../shared is there.
  const sources = [...ownMarkdownDocuments(), ...sharedMarkdown()].map((d) => d.text);
  for (let seed = 1; seed <= 3000; seed++) {
    const source = seed % 3 === 0 ? generateEdgeCaseMarkdown(seed * 7, 30) : sources[seed % sources.length];
    let text = mutate(source, seed);
    if (seed % 5 === 0) text = mutate(text, seed + 100000);
    check(`mutate(source ${seed % sources.length}, ${seed})`, text);
  }
});

test('20,000 fuzzed documents (random container prefixes, indentation, tabs and block starts): same blocks as markdown-it', () => {
  for (let seed = 1; seed <= 20000; seed++) check(`generateFuzzMarkdown(${seed}, 12)`, generateFuzzMarkdown(seed, 12));
});

test('20,000 fuzzed link reference definitions (labels, destinations and titles over several lines): same blocks as markdown-it', () => {
  const pieces = ['[', '[', 'a', 'b c', ']', ']:', ':', ' ', '  ', '\t', '/url', '<u v>', '<', '>', '"t"', '"', "'", "'t'", '(t)', '(', ')', '\\', '\\]', '\n', '\n', '\n===', '\n---', '\n> ', '\n- ', '\n\n', 'javascript:x', '\u00a0'];
  for (let seed = 1; seed <= 20000; seed++) {
    const random = createRandom(seed);
    let text = random() < 0.5 ? '[' : '';
    for (let i = 3 + Math.floor(random() * 14); i > 0; i--) text += pieces[Math.floor(random() * pieces.length)];
    // A setext underline after the definition shows whether its lines were taken as a definition.
    text += random() < 0.5 ? '\n===\n' : '\n';
    check(`reference fuzz ${seed}`, text);
  }
});
