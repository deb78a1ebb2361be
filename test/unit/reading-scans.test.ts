/**
 * The hand-written scans of the real-document reading against the regular expressions they replace (which
 * backtrack on hostile lines): the same answer on many generated lines, and linear time on the attack strings.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bracketRun } from '../../server/src/service/parse/placeholders';
import { boldLead } from '../../server/src/service/parse/markdownSteps';
import { isWholeFieldLine } from '../../server/src/service/parse/metadataHeader';
import { endsWithCapitalWord } from '../../server/src/service/parse/workflow';
import { createRandom } from './support/markdown-gen';

function lines(pieces: readonly string[], seed: number, count: number, maxPieces: number): string[] {
  const rand = createRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = Math.floor(rand() * maxPieces);
    for (let k = 0; k < n; k++) s += pieces[Math.floor(rand() * pieces.length)];
    out.push(s);
  }
  return out;
}

describe('real-document reading: scans that replace backtracking expressions', () => {
  it('bracketRun finds what /(?:\\[[^\\]\\n]{1,20}\\]\\s*){3,}/ finds', () => {
    const re = /(?:\[[^\]\n]{1,20}\]\s*){3,}/;
    const pieces = ['[', ']', 'a', 'Backend', ' ', '  ', '\n', '\t', '[QA]', '[x] ', 'abcdefghijklmnopqrst', '(', 'é'];
    for (const line of lines(pieces, 7, 40000, 14)) {
      const m = re.exec(line);
      assert.deepEqual(bracketRun(line), m ? { start: m.index, end: m.index + m[0].length } : undefined, JSON.stringify(line));
    }
  });

  it('isWholeFieldLine answers as the field-line expression', () => {
    const re = /^\s{0,3}(?:>\s*)*(?:[-*+]\s+)?(?:\*\*|__|\*|_)?[^\s*_:|：][^*_:|：\n]{0,39}?(?:\*\*|__|\*|_)?\s*[:：]/u;
    const pieces = [' ', '  ', '>', '> ', '-', '- ', '+', '*', '**', '_', '__', ':', '：', '|', 'Owner', 'Last updated', 'x', '\t', '\n', 'abcdefghijklmnopqrstuvwxyz', 'é'];
    for (const line of lines(pieces, 11, 60000, 10)) assert.equal(isWholeFieldLine(line), re.test(line), JSON.stringify(line));
  });

  it('endsWithCapitalWord answers as /\\b\\p{Lu}{2,}\\s+$/u', () => {
    const re = /\b\p{Lu}{2,}\s+$/u;
    const pieces = ['A', 'B', 'À', 'Ω', '𝐀', 'a', '1', '_', ' ', '\t', 'BORRA', '-', 'é', '\n'];
    for (const line of lines(pieces, 13, 60000, 10)) assert.equal(endsWithCapitalWord(line), re.test(line), JSON.stringify(line));
  });

  it('boldLead reads a line as /^(\\s{0,3})(\\*\\*|__)(.+?)\\2(.*)$/ does', () => {
    const re = /^(\s{0,3})(\*\*|__)(.+?)\2(.*)$/;
    const pieces = [' ', '  ', '**', '__', '*', '_', 'Step 1', ':', 'x', '\n', '\t', '—'];
    for (const line of lines(pieces, 17, 40000, 8)) {
      const m = re.exec(line);
      assert.deepEqual(boldLead(line), m ? [...m] : undefined, JSON.stringify(line));
    }
  });

  it('each scan stays linear on the strings that made the expressions backtrack', () => {
    // recheck's attack strings, 200k characters long: the expressions took quadratic time on them.
    const n = 100_000;
    assert.equal(endsWithCapitalWord('AÀ'.repeat(n) + '0ÀA\t'), /\b\p{Lu}{2,}\s+$/u.test('AÀ0ÀA\t'));
    assert.equal(isWholeFieldLine('>' + ' '.repeat(2 * n) + 'x'), false);
    assert.equal(boldLead('**' + '*'.repeat(2 * n) + '\n'), undefined);
    assert.equal(bracketRun('[a] '.repeat(2) + '['.repeat(2 * n)), undefined);
  });
});
