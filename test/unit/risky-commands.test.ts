/**
 * The risky-command check (riskyCommands.ts) reads commands as bash does: quoting cannot hide a risky command, nor
 * can handing it to eval, sh -c or bash -c. Generated spellings are checked with bash first (it must read them as
 * the risky command), then with the check.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RISKY_PATTERNS, riskyMatch } from '../../server/src/run/riskyCommands';
import { SAMPLE_RISKY_PATTERNS } from './support/risky-patterns';
import { bashWords } from './support/bash-words';
import { createRandom as random } from './support/markdown-gen';

/** `text` written as one bash word in pieces, each quoted its own way (`r""m`, `-r"f"`, `$'\x72'm`, `r\m`). */
function spell(rnd: () => number, text: string): string {
  let out = '';
  for (const c of text) {
    const hex = c.charCodeAt(0).toString(16);
    const forms = [c, `'${c}'`, `"${c}"`, `\\${c}`, `$'\\x${hex}'`, `$'${c}'`, `${c}''`, `""${c}`, `\\\n${c}`];
    out += forms[Math.floor(rnd() * forms.length)];
  }
  return out;
}

/** `text` as a single-quoted word (what eval, sh -c and bash -c are given). */
const singleQuoted = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

describe('risky commands', () => {
  it('the issue\'s evasions need an approval', () => {
    for (const code of [`r""m -rf x`, `rm -r"f" x`, `eval "r""m -rf x"`, `eval 'r""m -rf x'`, `sh -c "r''m -rf x"`, `bash -c 'rm -r''f x'`]) {
      assert.equal(riskyMatch(code, SAMPLE_RISKY_PATTERNS), 'rm -rf', code);
    }
    assert.equal(riskyMatch(`kube"ctl" -n prod del'ete' pod x`, SAMPLE_RISKY_PATTERNS), 'kubectl delete');
    assert.equal(riskyMatch(`psql <<'SQL'\nDROP\n  TABLE users;\nSQL`, SAMPLE_RISKY_PATTERNS), 'DROP TABLE');
    assert.equal(riskyMatch(`x=$(r\\m -rf /tmp/x)`, SAMPLE_RISKY_PATTERNS), 'rm -rf');
    assert.equal(riskyMatch(`cat <<EOF\nIt's fine\nEOF\nrm -rf /`, SAMPLE_RISKY_PATTERNS), 'rm -rf');
    assert.equal(riskyMatch(`rm 2>&1 -rf x`, SAMPLE_RISKY_PATTERNS), 'rm -rf');
  });

  it('none by default: the destructive-command table covers them, so quoted text asks nothing', () => {
    assert.deepEqual(DEFAULT_RISKY_PATTERNS, []);
    assert.equal(riskyMatch('echo "rm -rf is bad"; rm -rf x', DEFAULT_RISKY_PATTERNS), undefined);
  });

  it('comments and separate commands are not a match', () => {
    for (const code of ['# rm -rf /\nls', 'echo rm; ls -rf', 'rm x && ls -rf', "echo 'rm' -r", 'terraform plan # then terraform apply']) {
      assert.equal(riskyMatch(code, SAMPLE_RISKY_PATTERNS), undefined, code);
    }
  });

  it('every generated spelling bash reads as rm -rf needs an approval, directly and through eval, sh -c and bash -c', () => {
    const rnd = random(7);
    const spellings: string[] = [];
    for (let k = 0; k < 300; k++) spellings.push(`${spell(rnd, 'rm')} ${spell(rnd, '-rf')} ${spell(rnd, 'x')}`);
    // Bash itself reads each as the three words rm -rf x: the spellings are real, not the checker's idea of them.
    for (const [k, words] of bashWords(spellings.map((s) => `w ${s}`).join('\n')).entries()) assert.deepEqual(words, ['rm', '-rf', 'x'], spellings[k]);
    const missed: string[] = [];
    for (const s of spellings) {
      for (const code of [s, `eval ${singleQuoted(s)}`, `sh -c ${singleQuoted(s)}`, `bash -c ${singleQuoted(s)}`, `sudo ${s} && ls`]) {
        if (riskyMatch(code, SAMPLE_RISKY_PATTERNS) !== 'rm -rf') missed.push(code);
      }
    }
    assert.deepEqual(missed, []);
  });
});
