/**
 * The shell word reader (shellWords.ts) against bash's own word splitting and quote removal, on generated scripts
 * (`w() { printf '%s\0' "$@"; }` prints each word bash hands a command), and the cases it reads beyond that.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readShell } from '../../server/src/run/shellWords';
import { bashWords } from './support/bash-words';
import { createRandom as random } from './support/markdown-gen';

/** Characters with no meaning to bash outside quotes (no glob, brace, tilde, `$` or history characters). */
const BARE = 'abcXYZ019-_./=:,@%+';
const pick = <T,>(rnd: () => number, items: readonly T[] | string): T => items[Math.floor(rnd() * items.length)] as T;
const some = (rnd: () => number, chars: string, max: number): string => {
  let s = '';
  for (let k = 1 + Math.floor(rnd() * max); k > 0; k--) s += pick<string>(rnd, chars);
  return s;
};

/** One piece of a word, written as a script would write it. `first` pieces never start with `#` (a comment). */
function piece(rnd: () => number, first: boolean): string {
  switch (Math.floor(rnd() * 9)) {
    case 0:
    case 1:
      return some(rnd, BARE, 4) + (first ? '' : pick<string>(rnd, ['', '#', '#x']));
    case 2:
      return `\\${pick<string>(rnd, ` '"\\$#;|&()<>\`a*{n`)}`;
    case 3:
      return `'${some(rnd, `${BARE} "\\$#;|&()\`\n\t*`, 6)}'`;
    case 4: {
      let s = '';
      for (let k = Math.floor(rnd() * 5); k > 0; k--) {
        s += pick<string>(rnd, [some(rnd, `${BARE} '#;|&()\n\t*`, 3), '\\"', '\\\\', '\\$', '\\`', '\\a', '\\\n', '\\n']);
      }
      return `${rnd() < 0.2 ? '$' : ''}"${s}"`;
    }
    case 5: {
      let s = '';
      for (let k = Math.floor(rnd() * 5); k > 0; k--) {
        s += pick<string>(rnd, [some(rnd, `${BARE} "$#;\n`, 3), '\\n', '\\t', '\\\\', "\\'", '\\"', '\\x41', '\\x7e', '\\101', '\\7', '\\u0042', '\\e', '\\a', '\\q', '\\cZ', '\\c?', '\\?']);
      }
      return `$'${s}'`;
    }
    case 6:
      return pick<string>(rnd, ["''", '""', "$''"]);
    case 7:
      return '\\\n';
    default:
      return some(rnd, BARE, 2);
  }
}

function word(rnd: () => number): string {
  let w = '';
  for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) w += piece(rnd, w === '');
  // A word that is only a line continuation is no word at all: give it a character.
  return w === '\\\n' ? 'x' : w;
}

const BLANKS = [' ', '  ', '\t', ' \\\n '];
const SEPARATORS = [';', '\n', ' && ', ' ;\n', ' # a comment with \'quotes" and ; | &\n', '\n\n'];

/** A generated script: commands of the function `w`, some with a here-document bash must not read as commands. */
function script(rnd: () => number, commands: number): string {
  let out = '';
  for (let c = 0; c < commands; c++) {
    out += 'w';
    for (let k = Math.floor(rnd() * 5); k > 0; k--) out += pick(rnd, BLANKS) + word(rnd);
    if (rnd() < 0.1) {
      const quoted = rnd() < 0.5;
      const stripTabs = rnd() < 0.3;
      out += ` <<${stripTabs ? '-' : ''}${quoted ? "'END'" : 'END'}\n\tit's a body; rm -rf x "\n${stripTabs ? '\t' : ''}END\n`;
      continue;
    }
    out += pick(rnd, SEPARATORS);
  }
  // A last command, so the script never ends on `&&`.
  return `${out}w\n`;
}

const readerWords = (text: string): string[][] =>
  readShell(text).commands.map((words) => {
    assert.equal(words[0], 'w', JSON.stringify(text));
    return words.slice(1);
  });

describe('shell words', () => {
  it('split and unquote as bash does, on generated scripts', () => {
    let cases = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const rnd = random(seed);
      const text = script(rnd, 150);
      const expected = bashWords(text);
      const actual = readerWords(text);
      assert.equal(actual.length, expected.length, `seed ${seed}: command count`);
      for (let k = 0; k < expected.length; k++) {
        assert.deepEqual(actual[k], expected[k], `seed ${seed}, command ${k}`);
        cases++;
      }
    }
    assert.ok(cases >= 4000, `${cases} commands compared`);
  });

  it('joins adjacent quoted pieces into one word, as bash does', () => {
    const cases: [string, string[]][] = [
      [`r""m -rf x`, ['rm', '-rf', 'x']],
      [`rm -r"f" x`, ['rm', '-rf', 'x']],
      [`eval "r""m -rf x"`, ['eval', 'rm -rf x']],
      [`$'\\x72'm -\\rf`, ['rm', '-rf']],
      [`a#b #c`, ['a#b']],
      [`r\\\nm`, ['rm']],
    ];
    for (const [text, words] of cases) assert.deepEqual(readShell(text).commands, [words], text);
  });

  it('sets apart what another reader may run: quoted pieces, $(...), backquotes, ${...}, here-document bodies', () => {
    const r = readShell(`x=$(rm -rf a) "b c" \`ls -l\` \${v:-d e} <<'E'\nbody's line\nE\nnext`);
    assert.deepEqual(r.commands, [['x=$(rm -rf a)', 'b c', '`ls -l`', '${v:-d e}'], ['next']]);
    assert.deepEqual(r.embedded, ['rm -rf a', 'b c', 'ls -l', 'v:-d e', 'E', "body's line\n"]);
    // Redirections do not split a command: `2>&1` is not a `&`.
    assert.deepEqual(readShell('rm 2>&1 -rf x &>/dev/null').commands, [['rm', '2', '1', '-rf', 'x', '/dev/null']]);
    // Text for another reader: line ends are blanks there.
    assert.deepEqual(readShell('DROP\nTABLE t', { lineEndsCommand: false }).commands, [['DROP', 'TABLE', 't']]);
  });

  it('never throws or hangs on broken input', () => {
    const rnd = random(99);
    const chars = `ab '"\\$\`(){}<>;&|#\n\t-`;
    for (let k = 0; k < 2000; k++) {
      const text = some(rnd, chars, 40);
      const r = readShell(text);
      assert.ok(Array.isArray(r.commands) && Array.isArray(r.embedded), text);
    }
  });
});
