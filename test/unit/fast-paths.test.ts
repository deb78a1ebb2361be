/**
 * Hand-written fast paths against the straightforward definitions they replace, on many generated lines.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isGuidanceLine } from '../../server/src/service/parse/workflow';
import { FIELD_LINE, matchFieldLine } from '../../server/src/service/parse/markdownSteps';
import { guidanceKey } from '../../server/src/service/parse/normalize';
import { createRandom } from './support/markdown-gen';

const PIECES = ['', ' ', '  ', '   ', '    ', '-', '*', '+', '1.', '2)', '**', '__', '*', '_', 'Validation', 'Actor', 'Run', 'x',
  ':', '：', '(opt)', ' (a)', '`', '>', 'é', 'Duration', '**:', ':**', '\t', '[ ]', 'e.g.', 'TODO', '日本'];

function randomLine(rand: () => number): string {
  let s = '';
  const n = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)];
  return s;
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
    for (let i = 0; i < 30000; i++) {
      const line = rand() < 0.3 ? [...keys][Math.floor(rand() * keys.size)] : randomLine(rand);
      assert.equal(isGuidanceLine(keys, line), keys.has(guidanceKey(line)), JSON.stringify(line));
    }
  });
});
