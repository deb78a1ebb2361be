/**
 * The character scans that replaced backtracking regular expressions give the same results as those
 * expressions: each is compared with the expression it replaces on every string of a seeded generator (short
 * strings over the characters that matter to it, where the expressions are still fast).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  hasDelimited,
  isRegExpSpace,
  replaceDelimited,
  replaceParenthesized,
  stripSingleEmphasis,
  tailMatchStart,
  trailingRunStart,
  withoutJsonPosition,
} from '../../server/src/service/textScan';
import type { Delimited } from '../../server/src/service/textScan';
import { optionalMarkStart } from '../../server/src/service/templates/derive';
import { markdownLinkTargets, noteStart } from '../../server/src/service/features/links';
import { yamlKeyLine } from '../../server/src/service/features/completion';

/** Every string of `count` seeded draws of up to `maxLength` pieces. */
function* strings(pieces: readonly string[], count = 20_000, maxLength = 10): Generator<string> {
  let seed = 20240611;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    let s = '';
    for (let k = next(maxLength + 1); k > 0; k--) s += pieces[next(pieces.length)];
    yield s;
  }
}

function same<T>(pieces: readonly string[], expected: (s: string) => T, actual: (s: string) => T, count?: number): void {
  for (const s of strings(pieces, count)) assert.deepEqual(actual(s), expected(s), JSON.stringify(s));
}

describe('text scans give the results of the expressions they replace', () => {
  it('isRegExpSpace is \\s', () => {
    for (let code = 0; code < 0x10000; code++) assert.equal(isRegExpSpace(code), /\s/.test(String.fromCharCode(code)), code.toString(16));
  });

  it('single emphasis, parentheticals and trailing runs', () => {
    same(['*', '_', 'a', ' ', '\t', '\n', '\u2028', '\u00a0'], (s) => s.replace(/(\*|_)(\S(?:.*?\S)?)\1/g, '$2'), stripSingleEmphasis);
    same(['(', ')', 'a', ' '], (s) => s.replace(/\([^)]*\)/g, ' '), (s) => replaceParenthesized(s, ' '));
    const notListed = (c: number): boolean => !isRegExpSpace(c) && c !== 44 && c !== 91;
    same(['a', ' ', ',', '[', '\n'], (s) => /[^\s,[]*$/.exec(s)![0], (s) => s.slice(trailingRunStart(s, notListed)));
    same(['?', '#', 'a', '\n', '\u2028'], (s) => /[?#].*$/.exec(s)?.index ?? -1, (s) => tailMatchStart(s, (c) => c === 63 || c === 35));
  });

  it('{{x}}, ${x}, [x] and the placeholders of a template', () => {
    const mustache: Delimited = { open: '{{', close: '}', closers: 2 };
    const variable: Delimited = { open: '${', close: '}' };
    const bracketed: Delimited = { open: '[', close: ']', notFollowedBy: '(' };
    same(['{', '}', 'a', '\n'], (s) => s.replace(/\{\{[^}\n]*\}\}/g, ' '), (s) => replaceDelimited(s, mustache, ' '));
    same(['{', '}', 'a', '\n', '$'], (s) => s.replace(/\$\{[^}\n]*\}/g, ' '), (s) => replaceDelimited(s, variable, ' '));
    same(['[', ']', 'a', '\n', '('], (s) => s.replace(/\[[^\]\n]*\](?!\()/g, ' '), (s) => replaceDelimited(s, bracketed, ' '));
    const letter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    const placeholders: Delimited[] = [
      { open: '[', close: ']', nonEmpty: true, notFollowedBy: '(' },
      { open: '<', close: '>', first: letter },
      mustache,
      { open: '${', close: '}', nonEmpty: true },
    ];
    same(
      ['[', ']', 'a', '\n', '(', '<', '>', '1', '{', '}', '$'],
      (s) => /\[[^\]\n]+\](?!\()|<[A-Za-z][^>\n]*>|\{\{[^}\n]*\}\}|\$\{[^}\n]+\}/.test(s),
      (s) => placeholders.some((p) => hasDelimited(s, p)),
    );
  });

  it('JSON error positions, optional marks, notes and link targets', () => {
    same(['in JSON at position ', '1', ' ', 'x', '\n'], (s) => s.replace(/\s*in JSON at position \d+.*$/s, ''), withoutJsonPosition);
    same(
      ['(', ')', '[', ']', ' ', '\t', ':', '：', 'optional', 'OPTIONAL', 'x'],
      (s) => /\s*[([]\s*optional\s*[)\]]\s*[:：]?\s*$/i.exec(s)?.index ?? -1,
      optionalMarkStart,
    );
    same([' ', '\t', '(', '-', '—', ':', 'a', '\n'], (s) => /\s+\(|\s+[—–-]\s+|:\s/.exec(s)?.index ?? -1, noteStart);
    same(
      ['](', ')', '(', '<', '>', ' ', '"', "'", 'a', '\n', ']'],
      (s) => [...s.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)].map((m) => [m.index, m.index + m[0].length, m[1]]),
      (s) => [...markdownLinkTargets(s)].map((m) => [m.index, m.end, m.target]),
    );
  });

  it('the key of a YAML line', () => {
    const line = /^(\s*)((?:-\s+)*)([^\s#:'"-][^:#]*?|"[^"]*"|'[^']*')\s*:/;
    same(
      [' ', '\t', '-', ':', '#', '"', "'", 'a', 'b c'],
      (s) => {
        const m = line.exec(s);
        return m ? [m[1].length + m[2].length, m[3], m[0].length - 1] : undefined;
      },
      (s) => {
        const m = yamlKeyLine(s);
        return m ? [m.column, m.key, m.colon] : undefined;
      },
    );
  });
});
