/**
 * Hand-written fast paths against the straightforward definitions they replace, on many generated lines.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isGuidanceLine } from '../../server/src/service/parse/workflow';
import { FIELD_LINE, matchFieldLine } from '../../server/src/service/parse/markdownSteps';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { guidanceKey } from '../../server/src/service/parse/normalize';
import { fileUrl, relativePath, toSlash } from '../../server/src/cli/discover';
import { createRandom } from './support/markdown-gen';

const PIECES = ['', ' ', '  ', '   ', '    ', '-', '*', '+', '1.', '2)', '**', '__', '*', '_', 'Validation', 'Actor', 'Run', 'x',
  ':', '：', '(opt)', ' (a)', '`', '>', 'é', 'Duration', '**:', ':**', '\t', '[ ]', 'e.g.', 'TODO', '日本'];

function randomLine(rand: () => number): string {
  let s = '';
  const n = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)];
  return s;
}

/** `key` with a list marker or quote, emphasis, capitals or doubled spaces, as a document line may write it. */
function decorate(key: string, rand: () => number): string {
  const marks = ['- ', '> ', '1. ', '- [ ] ', '**', '`', '  '];
  let s = rand() < 0.5 ? key.toUpperCase() : key;
  s = s.replace(/ /g, () => (rand() < 0.2 ? '  ' : rand() < 0.1 ? ' **' : ' '));
  return marks[Math.floor(rand() * marks.length)] + s + (rand() < 0.3 ? ' ' : '');
}

describe('fast paths', () => {
  it('matchFieldLine agrees with FIELD_LINE', () => {
    const rand = createRandom(99);
    for (let i = 0; i < 30000; i++) {
      const line = randomLine(rand);
      const text = `x\n${line}\ny`;
      const m = FIELD_LINE.exec(line);
      const end = matchFieldLine(text, 2, 2 + line.length);
      assert.equal(end, m ? 2 + m[0].length : -1, JSON.stringify(line));
    }
  });

  it('isGuidanceLine agrees with a lookup of guidanceKey', () => {
    const rand = createRandom(7);
    const keys = new Set<string>();
    for (let i = 0; i < 300; i++) keys.add(guidanceKey(randomLine(rand)));
    for (let i = 0; i < 100; i++) keys.add(guidanceKey(`${randomLine(rand)} ${randomLine(rand)} ${randomLine(rand)}`));
    for (let i = 0; i < 30000; i++) {
      const roll = rand();
      const key = [...keys][Math.floor(rand() * keys.size)];
      // A key as it is, a key written as a document would (a list marker, emphasis, capitals, doubled spaces),
      // or any line.
      const line = roll < 0.2 ? key : roll < 0.4 ? decorate(key, rand) : randomLine(rand);
      assert.equal(isGuidanceLine(keys, line), keys.has(guidanceKey(line)), JSON.stringify(line));
    }
  });

  it('relativePath and fileUrl agree with path.relative and pathToFileURL', () => {
    const rand = createRandom(11);
    const SEGMENTS = ['a', 'docs', 'team-1', 'x.md', 'runbook_2.md', '.', '..', '', '.github', 'with space', 'per%cent', 'hash#', 'q?', 'é', 'back\\slash', 'A-Z'];
    const randomPath = (): string => {
      const n = 1 + Math.floor(rand() * 5);
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(SEGMENTS[Math.floor(rand() * SEGMENTS.length)]);
      return '/' + parts.join('/') + (rand() < 0.1 ? '/' : '');
    };
    for (let i = 0; i < 20000; i++) {
      const from = rand() < 0.5 ? '/srv/project' : randomPath();
      const to = rand() < 0.5 ? `${from}/${randomPath().slice(1)}` : randomPath();
      assert.equal(relativePath(from, to), toSlash(relative(from, to)), JSON.stringify([from, to]));
      assert.equal(fileUrl(to), pathToFileURL(to).href, JSON.stringify(to));
    }
  });
});
