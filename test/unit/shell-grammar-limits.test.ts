/**
 * Why placeholder substitution still reads scripts with its own scanner (server/src/run/shellQuote.ts) and not with
 * the tree-sitter-bash tree the rules use: on the cases below the grammar reads a script differently from bash, and
 * each is a case where a substituted value would run as code if the tree were trusted (run-substitute.test.ts and
 * substitution-fuzz.test.ts pin the scanner's answers). When a newer grammar reads one of them as bash does, its
 * test here fails: that is the moment to look again at moving the substitution onto the tree.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { loadBashParser } from '../../server/src/shell/bashParser';
import type { ShellParser } from '../../server/src/service/shell/types';

let bash: ShellParser;
before(async () => {
  bash = await loadBashParser();
});

/** The tree as an S-expression (node types and field names only). */
function tree(script: string): string {
  const t = bash.parse(script) as unknown as { rootNode: { toString(): string } } | undefined;
  assert.ok(t, 'the grammar parses the script');
  return t.rootNode.toString();
}

describe('where tree-sitter-bash and bash disagree (the substitution keeps its scanner)', () => {
  it('a line continuation inside a word: bash joins it, the grammar splits the command name', () => {
    const script = 'ec\\\nho X\n';
    const run = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    assert.equal(run.stdout, 'X\n', 'bash runs echo');
    assert.equal(tree(script), '(program (command name: (command_name (word)) argument: (word) argument: (word)))');
  });

  it('a subscript in a compound assignment (evaluated by bash) is read as plain words', () => {
    for (const script of ['a=([X]=v)\n', "a=(['X']=v)\n"]) {
      const read = tree(script);
      assert.doesNotMatch(read, /subscript|arithmetic/, script);
      assert.match(read, /\(array \(concatenation/, script);
    }
  });

  it('after a syntax error in an array, the grammar reads on where bash stops the line', () => {
    assert.equal(tree('x=(; X)\n'), '(program (variable_assignment name: (variable_name) value: (array (ERROR) (word))))');
  });

  it('arithmetic contexts bash evaluates are not marked in the tree', () => {
    // `declare -i` evaluates the value as arithmetic; `${s:X}` evaluates X as an offset.
    assert.equal(tree('declare -i n=X\n'), '(program (declaration_command (word) (variable_assignment name: (variable_name) value: (word))))');
    assert.equal(tree('echo ${s:X}\n'), '(program (command name: (command_name (word)) argument: (expansion (variable_name) (variable_name))))');
  });
});
