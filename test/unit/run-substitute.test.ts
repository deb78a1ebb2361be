/**
 * Placeholder substitution checked against the real bash: hostile values, put in every quoting context a step
 * may use, come out as the literal value and run nothing (no file appears in the working folder), or the
 * substitution is refused with UnsafeSubstitutionError. The scripts define `rm` as a harmless function, so a
 * failure could only ever create a file in a temporary folder. (test/unit/substitution-fuzz.test.ts generates
 * many more templates.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnsafeSubstitutionError, placeholders, runnableScript, substitute } from '../../server/src/run/variables';

const HOSTILE = [
  `'; rm -rf /; '`,
  `x"; touch pwned; "`,
  `$(touch pwned)`,
  '`touch pwned`',
  `\\`,
  `a\\`,
  `\\"; touch pwned; \\"`,
  `$HOME`,
  `\${HOME}`,
  `$'\\x41'`,
  `'`,
  `"`,
  `a  b *`,
  `} ; touch pwned ; {`,
  `) ; touch pwned ; (`,
  `)) ; touch pwned ; ((`,
  `a\nEOF\ntouch pwned`,
  `first\nsecond`,
  `\\\ntouch pwned`,
  `EOF`,
  ``,
];

/** Runs a script with bash in a fresh folder; returns its output and the files it left there. */
function bash(script: string): { out: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'wfs-subst-'));
  try {
    // If quoting ever failed, `rm` must not be the real one.
    const out = execFileSync('bash', ['-c', `rm() { : > pwned-rm; }\n${script}`], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: '/home-of-test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { out, files: readdirSync(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text bash runs for a template with X set to the value. */
const sub = (template: string, value: string): string => runnableScript(substitute(template, new Map([['X', value]])));
/** The block alone (without the line that sets the values), to check how a reference is written. */
const block = (template: string, value: string): string => substitute(template, new Map([['X', value]])).code;

interface Case {
  name: string;
  template: string;
  /** What bash prints for the value. */
  expect: (v: string) => string;
  /** Values that must be refused here (the rest must come out literally). */
  refuses?: (v: string) => boolean;
}

const CASES: Case[] = [
  { name: 'bare word', template: `printf '%s|' <X>`, expect: (v) => `${v}|` },
  { name: 'part of a bare word', template: `printf '%s|' pre<X>post`, expect: (v) => `pre${v}post|` },
  { name: "inside '...'", template: `printf '%s|' 'pre <X> post'`, expect: (v) => `pre ${v} post|` },
  { name: 'inside "..."', template: `printf '%s|' "pre <X> post"`, expect: (v) => `pre ${v} post|` },
  { name: "inside $'...'", template: `printf '%s|' $'pre <X> post'`, expect: (v) => `pre ${v} post|` },
  { name: 'inside $(...)', template: `x=$(printf '%s.' <X>); printf '%s|' "$x"`, expect: (v) => `${v}.|` },
  { name: 'inside "$(...)"', template: `printf '%s|' "$(printf '%s.' <X>)"`, expect: (v) => `${v}.|` },
  { name: 'inside "$(... "..." ...)"', template: `printf '%s|' "$(printf '%s.' "<X>")"`, expect: (v) => `${v}.|` },
  { name: 'nested "$("$(...)")"', template: `printf '%s|' "$(printf '%s.' "$(printf '%s.' "a'<X>'b")")"`, expect: (v) => `a'${v}'b..|` },
  { name: 'inside "${unset:-...}"', template: `printf '%s|' "\${NOPE:-<X>}"`, expect: (v) => `${v}|` },
  { name: '${unset:-...} in a heredoc', template: `cat <<EOF\n\${NOPE:-<X>}\nEOF`, expect: (v) => `${v}\n` },
  { name: 'inside ${unset:-...}', template: `printf '%s|' pre\${NOPE:-<X>}post`, expect: (v) => `pre${v}post|` },
  { name: 'inside <(...)', template: `cat <(printf '%s|' <X>)`, expect: (v) => `${v}|` },
  { name: 'unquoted heredoc', template: `cat <<EOF\npre <X> post\nEOF\nprintf end`, expect: (v) => `pre ${v} post\nend` },
  { name: 'unquoted heredoc, whole line', template: `cat <<EOF\n<X>\nEOF\nprintf end`, expect: (v) => `${v}\nend` },
  { name: 'quoted heredoc', template: `cat <<'EOF'\npre <X> post $HOME\nEOF\nprintf end`, expect: (v) => `pre ${v} post $HOME\nend` },
  { name: 'quoted heredoc, whole line', template: `cat <<"EOF"\n<X>\nEOF\nprintf end`, expect: (v) => `${v}\nend` },
  { name: '<<- heredoc', template: `cat <<-EOF\n\t<X>\n\tEOF\nprintf end`, expect: (v) => `${v}\nend` },
  { name: '$(...) in a heredoc body', template: `cat <<EOF\n$(printf '%s' "<X>")\nEOF\nprintf end`, expect: (v) => `${v.replace(/\n+$/, '')}\nend` },
  { name: 'heredoc inside $(...)', template: `printf '%s|' "$(cat <<EOF\n<X>\nEOF\n)"`, expect: (v) => `${v.replace(/\n+$/, '')}|` },
  { name: "quoted heredoc inside $(...)", template: `payload=$(cat <<'EOF'\n<X>\nEOF\n)\nprintf '%s|' "$payload"`, expect: (v) => `${v.replace(/\n+$/, '')}|` },
  { name: 'case word and pattern', template: `case <X> in <X>) printf '%s|' <X>;; esac`, expect: (v) => `${v}|` },
  { name: '[[ string comparison ]]', template: `[[ <X> == "<X>" ]] && printf 'same|'`, expect: () => 'same|' },
];

describe('substitute against bash', () => {
  for (const c of CASES) {
    it(`${c.name}: every hostile value comes out literally and runs nothing`, () => {
      for (const v of HOSTILE) {
        const refused = c.refuses?.(v) ?? false;
        if (refused) {
          assert.throws(() => sub(c.template, v), UnsafeSubstitutionError, `${c.name} should refuse ${JSON.stringify(v)}`);
          continue;
        }
        const script = sub(c.template, v);
        const r = bash(script);
        assert.deepEqual(r.files, [], `${c.name} with ${JSON.stringify(v)} ran something:\n${script}`);
        assert.equal(r.out, c.expect(v), `${c.name} with ${JSON.stringify(v)}:\n${script}`);
      }
    });
  }

  it('keeps a multi-line value on its line: after a syntax error bash skips the line, and must not run the next', () => {
    // An operator inside an array assignment is such an error, found before the quoted word after it is read.
    for (const t of ['x=(; <X>)', "x=(; '<X>')", 'x=(; "<X>")', "x=(; $'<X>')", 'x=(; "$(echo <X>)")', 'x=(a | pre<X>post)']) {
      const dir = mkdtempSync(join(tmpdir(), 'wfs-subst-'));
      try {
        // No `-e` here (a step may `set +e`): bash reports the error, then reads on from the next line.
        const r = spawnSync('bash', ['-c', sub(t, '\ntouch pwned\n')], { cwd: dir, encoding: 'utf8' });
        assert.match(r.stderr, /syntax error/, t);
        assert.deepEqual(readdirSync(dir), [], t);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('refuses inside backquotes, where bash parses the text twice', () => {
    for (const t of ['echo `echo <X>`', 'echo "`echo <X>`"', 'echo `echo "<X>"`', 'cat <<EOF\n`echo <X>`\nEOF']) {
      assert.throws(() => sub(t, 'x'), (e: unknown) => e instanceof UnsafeSubstitutionError && /cannot safely substitute X here: inside a `...` command substitution/.test(e.message), t);
    }
    // Outside the backquotes the script resolves as usual.
    assert.equal(block('echo `date` <X>', 'a b'), 'echo `date` "${__wfs_X}"');
  });

  it('allows only a decimal number where bash evaluates arithmetic (even quoted, a[$(cmd)] runs cmd there)', () => {
    const arith = [
      'echo $(( <X> + 1 ))',
      'echo $[ <X> + 1 ]',
      '(( n = <X> + 1 )); echo $n',
      'for ((i = 0; i < <X>; i++)); do :; done; echo $((i + 1))',
      'let "n = <X> + 1"; echo $n',
      'a=(0 0 0); a[<X>]=1; echo $(( ${#a[@]} + 38 ))',
      '[[ <X> -eq 41 ]] && echo 42',
      '[[ "<X>" -lt 99 ]] && echo 42',
      'declare -i n=<X>; echo $((n + 1))',
      'echo $(( $(echo <X>) + 1 ))',
      `s=${'x'.repeat(41)}42; echo \${s:<X>}`,
    ];
    for (const t of arith) {
      assert.equal(bash(sub(t, '41')).out.trim(), '42', t);
      for (const v of ['a[$(touch pwned)]', 'x[`touch pwned`]', '1+1', '-1', '0x10', '']) {
        assert.throws(() => sub(t, v), (e: unknown) => e instanceof UnsafeSubstitutionError && /arithmetic/.test(e.message), `${t} with ${v}`);
      }
    }
    // Bash really runs the subscript: the refusal is not over-caution (shown without the engine in between).
    assert.deepEqual(bash(`[[ 1 -eq 'a[$(touch pwned)]' ]] || true`).files, ['pwned']);
  });

  it('allows only an identifier where bash reads a variable name', () => {
    for (const t of ['[[ -v <X> ]] && echo set', 'unset <X>; echo set', '\\read <X> <<< set; echo set', 'declare -i <X>; echo set', 'builtin read -r <X> <<< x; echo set', 'read <X> <<< set; echo set', 'printf -v <X> %s set; echo set', 'test -v <X> || echo set']) {
      assert.throws(() => sub(t, 'a[$(touch pwned)]'), (e: unknown) => e instanceof UnsafeSubstitutionError && /variable name/.test(e.message), t);
      assert.deepEqual(bash(sub(t, 'HOME')).files, [], t);
    }
    // Data operands of the same commands stay data.
    assert.equal(bash(sub(`read -p <X> v <<< y; echo "$v"`, `$(touch pwned)`)).out, 'y\n');
    assert.equal(bash(sub(`export V=<X>; printf '%s' "$V"`, `$(touch pwned) a[0]`)).out, '$(touch pwned) a[0]');
  });

  it('refuses, wherever it goes, a value bash would run if it evaluated it as arithmetic or a name', () => {
    // `declare -i` or `declare -n` far from the assignment: no scan of the line can know, so the value decides.
    const far = ['declare -i n\nn=<X>; echo "$n"', 'declare -n r=<X>; echo "$r"', 'declare -ai arr; arr=(<X>)', 'r=<X>; echo "${!r}"'];
    for (const t of far) {
      for (const v of ['a[$(touch pwned)]', 'a[`touch pwned`]', 'a[${PS1@P}]', 'x[$[1]]']) {
        assert.throws(() => sub(t, v), (e: unknown) => e instanceof UnsafeSubstitutionError && /name\[\$\(\.\.\.\)\]/.test(e.message), `${t} with ${v}`);
      }
      // Bash does run it there (the refusal is needed, not over-caution).
      assert.deepEqual(bash(t.replace(/<X>/g, "'a[$(touch pwned)]'")).files, ['pwned'], t);
    }
    // In a compound assignment bash expands a subscript twice: there even `$(cmd)` alone runs, and the scan sees it.
    for (const t of ['a=([<X>]=v)', "a=(['<X>']=v)", 'declare -a a=(x ["<X>"]=v)', 'a+=([<X>]=v)']) {
      assert.throws(() => sub(t, '$(touch pwned)'), /a subscript in a compound assignment/, t);
      assert.equal(bash(`${sub(t, '3')}; echo "\${a[3]}"`).out, 'v\n', t);
    }
    assert.deepEqual(bash(`x='$(touch pwned)'; a=(["$x"]=v)`).files, ['pwned'], 'bash runs it (shown without the engine)');
    // Brackets or a `$` alone are data.
    assert.equal(bash(sub(`printf '%s' <X>`, 'p[a]$s $x')).out, 'p[a]$s $x');
  });

  it('refuses a value right after a `$`, which would continue the expansion', () => {
    for (const t of ['echo $<X>', 'echo "$<X>"', 'cat <<EOF\n$<X>\nEOF']) {
      assert.throws(() => sub(t, `'; touch pwned; '`), /a `\$` stands right before it/, t);
    }
    assert.equal(block(`echo '$<X>' \\$<X>`, 'v'), `echo '$'"\${__wfs_X}"'' \\$"\${__wfs_X}"`);
    assert.equal(bash(sub(`echo '$<X>' \\$<X>`, 'v')).out, '$v $v\n');
  });

  it('refuses inside a ${...} pattern or name, and after a case statement inside $(...)', () => {
    assert.throws(() => sub('echo ${PATH//<X>/x}', 'a'), /inside a \$\{\.\.\.\} expansion/);
    assert.throws(() => sub(`echo "\${NOPE:-'<X>'}"`, 'a'), /inside '\.\.\.' in a "\$\{name:-\.\.\.\}" word/);
    // That '...' is paired: a `}` in it does not end the expansion, so what follows is still the word.
    assert.equal(block(`printf '%s|' "\${NOPE:-'}'<X>}"`, 'a}b'), `printf '%s|' "\${NOPE:-'}'\${__wfs_X}}"`);
    assert.equal(bash(sub(`printf '%s|' "\${NOPE:-'}'<X>}"`, 'a}b')).out, `'}'a}b|`);
    assert.throws(() => sub('echo "$(case $1 in a) echo a;; esac)" <X>', 'a'), /case/);
    // A case statement at the top level is followed: its patterns and words are ordinary words.
    assert.equal(block('case $1 in a) echo <X>;; esac', 'x y'), 'case $1 in a) echo "${__wfs_X}";; esac');
  });

  it('leaves comments alone and lists placeholders in every context, refused ones included', () => {
    assert.equal(block('echo <X> # not <X>', 'v'), 'echo "${__wfs_X}" # not <X>');
    assert.deepEqual(placeholders('echo `echo <A>` "$(echo <B>)" $(( <C> )) # <D>'), ['A', 'B', 'C']);
  });

  it('a multi-line value fits a heredoc body when no line of it is the delimiter', () => {
    const script = sub(`cat <<'SQL'\nselect <X>;\nSQL`, `1,\n  EOF,\n  SQL2`);
    assert.equal(bash(script).out, 'select 1,\n  EOF,\n  SQL2;\n');
    // A value is expanded after bash found the body's end: no value can end it early.
    assert.deepEqual(bash(sub('cat <<EOF\nE\\\n<X>\nEOF', 'OF\necho pwned')), { out: 'EOF\necho pwned\n', files: [] });
    assert.deepEqual(bash(sub("payload=$(cat <<'EOF'\n{{X}}\nEOF\n)\nprintf '%s' \"$payload\"", 'EOF); touch pwned #')), { out: 'EOF); touch pwned #', files: [] });
  });
});
