/**
 * Differential fuzz test of placeholder substitution against the real bash, through the very wrapper and script
 * files the terminal runs (scripts.ts): generated templates (every quoting context, here-documents quoted or not and
 * inside `$(...)` or `<(...)`, compound and `declare -i`/`-n` assignments, line continuations, `[[` as an
 * argument, CRLF line endings) × hostile values. No value may ever run a command (the marker file `pwned` never
 * appears), and where a template prints its value, a benign value must arrive byte for byte, or be refused.
 *
 * Deterministic: a seeded generator (WFS_FUZZ_SEED picks another seed, WFS_FUZZ_TEMPLATES more templates). Where
 * the machine can build a GBK locale (localedef and glibc's charmaps), the runs use it, so the multibyte case is
 * covered too; otherwise the test says so and runs in the default locale.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnsafeSubstitutionError, runnableScript, substitute } from '../../server/src/run/variables';
import { UTF8_CTYPE, wrapperText, writeScripts } from '../../server/src/run/scripts';
import { shellQuote } from '../../server/src/run/shellQuote';
import { createRandom } from './support/markdown-gen';

const HOSTILE = [
  // A word split or a command name: what a reference would run if it landed where bash reads commands.
  'touch pwned',
  './pwn',
  `'; touch pwned; '`,
  `"; touch pwned; "`,
  `$(touch pwned)`,
  '`touch pwned`',
  'a[$(touch pwned)]',
  'x[`touch pwned`]',
  'a[${PS1@P}]',
  'EOF); touch pwned #',
  'EOF\ntouch pwned',
  '\nEOF\ntouch pwned\n',
  'EOF\r\ntouch pwned',
  '; touch pwned #',
  `\\'; touch pwned; #`,
  `$'\\x27'; touch pwned #`,
  '}; touch pwned; {',
  ')); touch pwned; ((',
  ') ; touch pwned ; (',
  '\\\ntouch pwned',
  '中"; touch pwned #',
  "中'; touch pwned #",
  '中\\"; touch pwned #',
  '中`touch pwned`',
];

const BENIGN = [
  'hello',
  'a b  c',
  'multi\nline',
  'tab\there',
  '中文の値 ü',
  `quote ' and " and \\ and $ and \``,
  'EOF',
  '  leading and trailing  ',
  '-n',
  '*',
  '~',
  '',
  '%s %d \\x41',
  'p[a]$s',
];

/** A template: its text with `@` where the placeholder goes, and what it prints for a value (if it prints it). */
interface Template {
  text: string;
  prints?: (v: string) => string;
}

/** Contexts that print the value. */
const PRINTING: Template[] = [
  { text: `printf '%s' @`, prints: (v) => v },
  { text: `printf '%s' "@"`, prints: (v) => v },
  { text: `printf '%s' 'pre @ post'`, prints: (v) => `pre ${v} post` },
  { text: `printf '%s' $'pre @ post'`, prints: (v) => `pre ${v} post` },
  { text: `printf '%s' pre@post`, prints: (v) => `pre${v}post` },
  { text: `printf '%s' "\${NOPE:-@}"`, prints: (v) => v },
  { text: `x=@; printf '%s' "$x"`, prints: (v) => v },
  { text: `arr=(@ b); printf '%s' "\${arr[0]}"`, prints: (v) => v },
  { text: `declare -a arr=(@); printf '%s' "\${arr[0]}"`, prints: (v) => v },
  { text: `declare -A m=([k]=@); printf '%s' "\${m[k]}"`, prints: (v) => v },
  { text: `cat <<EOF\n@\nEOF`, prints: (v) => `${v}\n` },
  { text: `cat <<'EOF'\n$HOME \`x\` @ \\\nEOF`, prints: (v) => `$HOME \`x\` ${v} \\\n` },
  { text: `cat <<"EOF"\n@\nEOF`, prints: (v) => `${v}\n` },
  { text: `cat <<-EOF\n\t@\n\tEOF`, prints: (v) => `${v}\n` },
  { text: `cat <<-'EOF'\n\t@\n\tEOF`, prints: (v) => `${v}\n` },
  { text: `cat <<< @`, prints: (v) => `${v}\n` },
  { text: `printf '%s' "$(printf '%s' @)"`, prints: (v) => v.replace(/\n+$/, '') },
  { text: `cat <(printf '%s' "@")`, prints: (v) => v },
  { text: `case @ in *) printf '%s' "@";; esac`, prints: (v) => v },
  { text: `[[ @ == "@" ]] && printf '%s' @`, prints: (v) => v },
  { text: `f() { local x=@; printf '%s' "$x"; }; f`, prints: (v) => v },
];

/** Wrappers around a template: the same value printed through a command substitution, a pipe, a function... */
const WRAPPERS: ((t: Template) => Template)[] = [
  (t) => ({ text: `payload=$(${t.text}\n)\nprintf '%s' "$payload"`, prints: t.prints && ((v) => t.prints!(v).replace(/\n+$/, '')) }),
  (t) => ({ text: `cat <(${t.text}\n)`, prints: t.prints }),
  (t) => ({ text: `(\n${t.text}\n)`, prints: t.prints }),
  (t) => ({ text: `{\n${t.text}\n}`, prints: t.prints }),
  (t) => ({ text: `if true; then\n${t.text}\nfi`, prints: t.prints }),
  (t) => ({ text: `g() {\n${t.text}\n}\ng`, prints: t.prints }),
  (t) => ({ text: `{\n${t.text}\n} | cat`, prints: t.prints }),
  (t) => ({ text: `# a comment with @ in it\n${t.text}`, prints: t.prints }),
  (t) => ({ text: `: "[[" '<<EOF' x\n${t.text}`, prints: t.prints }),
  (t) => ({ text: `x=1 \\\n  y=2\n${t.text}`, prints: t.prints }),
  (t) => ({ text: `declare -i n=1\n${t.text}`, prints: t.prints }),
  (t) => ({ text: `v=$(cat <<'END'\nEND)\n${t.text}`, prints: undefined }),
];

/** Contexts where bash evaluates or rereads text, and those the scan cannot follow: only safety is checked. */
const HOSTILE_ONLY: Template[] = [
  { text: 'declare -i n\nn=@; echo "$n"' },
  { text: 'f() { local -i n; n=@; }; f' },
  { text: 'declare -ai arr; arr=(@)' },
  { text: 'arr=([@]=v)' },
  { text: "arr=(['@']=v)" },
  { text: 'declare -n r=@; : "$r"' },
  { text: 'r=@; : "${!r}"' },
  { text: 'echo $(( @ + 1 ))' },
  { text: '(( n = @ ))' },
  { text: '[[ @ -eq 1 ]]' },
  { text: '[[ "@" -lt 1 ]]' },
  { text: 'let n=@' },
  { text: 'unset @' },
  { text: 'printf -v @ %s x' },
  { text: 'read @ <<< x' },
  { text: '[[ -v @ ]]' },
  { text: 'echo $@' },
  { text: 'echo `echo @`' },
  { text: 'cat <\\\n<EOF\n@\nEOF' },
  { text: "cat <\\\n<'EOF'\n@\nEOF" },
  { text: 'echo a\\\n#@' },
  { text: 'echo [[ @\ncat <<EOF\n@\nEOF' },
  { text: "x=$(cat <<'EOF'\nEOF)\n@\nEOF\n)" },
  { text: "x=$(cat <<'EOF'\nEOFX)\n@\nEOF\n)" },
  { text: 'echo ${PATH//@/x}' },
  { text: `echo "\${NOPE:-'@'}"` },
  { text: 'echo "$(case x in x) echo @;; esac)"' },
  { text: "cat <<'E-1'\n@\nE-1" },
  { text: 'cat <<"E F"\n@\nE F' },
];

/** Placeholder spellings: all three forms reach the same value. */
const SPELLINGS = ['<X>', '${X}', '{{X}}', '{{ X }}'];

function generate(seed: number, count: number): { template: Template; values: string[] }[] {
  const next = createRandom(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
  const out: { template: Template; values: string[] }[] = [];
  for (let n = 0; n < count; n++) {
    let t = next() < 0.8 ? pick(PRINTING) : pick(HOSTILE_ONLY);
    for (let depth = Math.floor(next() * 3); depth > 0; depth--) t = pick(WRAPPERS)(t);
    const spelling = pick(SPELLINGS);
    let text = t.text.replaceAll('@', spelling);
    // CRLF documents: the step's code arrives with \r\n.
    if (next() < 0.25) text = text.replace(/\n/g, '\r\n');
    // Each generated template meets a sample of the values (the fixed contexts below meet them all).
    const values = [...Array.from({ length: 8 }, () => pick(HOSTILE)), ...Array.from({ length: 4 }, () => pick(BENIGN))];
    out.push({ template: { text, prints: t.prints }, values });
  }
  return out;
}

/** A GBK locale for the runs, built once into a temporary folder; undefined where this machine cannot build one. */
function gbkLocale(root: string): { LOCPATH: string; LC_ALL: string } | undefined {
  if (!existsSync('/usr/share/i18n/charmaps/GBK.gz') && !existsSync('/usr/share/i18n/charmaps/GBK')) return undefined;
  const dir = join(root, 'locales');
  mkdirSync(dir);
  const r = spawnSync('localedef', ['-f', 'GBK', '-i', 'zh_CN', join(dir, 'zh_CN.GBK')], { encoding: 'utf8' });
  if (r.error || !existsSync(join(dir, 'zh_CN.GBK'))) return undefined;
  return { LOCPATH: dir, LC_ALL: 'zh_CN.GBK' };
}

interface Outcome {
  refused: boolean;
  out: string;
  ran: boolean;
  script: string;
}

/**
 * Substitutes each case and writes its block and the terminal's wrapper into a folder of its own (with `./pwn`,
 * which makes the marker too, for a value that would become a command's name); then a few bash drivers run the
 * wrappers one after the other (one Node spawn per driver, not per case), and each folder is read back.
 */
async function runAll(root: string, cases: { template: string; value: string }[], env: NodeJS.ProcessEnv): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const dirs: string[] = [];
  for (const [n, c] of cases.entries()) {
    let script: string;
    try {
      script = runnableScript(substitute(c.template, new Map([['X', c.value]])));
    } catch (err) {
      if (!(err instanceof UnsafeSubstitutionError)) throw err;
      outcomes.push({ refused: true, out: '', ran: false, script: '' });
      continue;
    }
    const dir = join(root, `case-${n}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'pwn'), '#!/bin/sh\ntouch pwned\n', { mode: 0o755 });
    writeScripts(dir, 1, script, dir);
    dirs.push(dir);
    outcomes.push({ refused: false, out: '', ran: false, script });
  }
  const width = 3;
  await Promise.all(
    Array.from({ length: width }, (_, k) => {
      const mine = dirs.filter((_d, i) => i % width === k);
      const driver = join(root, `driver-${k}.sh`);
      writeFileSync(driver, mine.map((d) => `bash ${shellQuote(join(d, '1.wrap.sh'))} > ${shellQuote(join(d, 'out'))} 2>/dev/null < /dev/null`).join('\n') + '\n');
      return new Promise<void>((resolve, reject) =>
        execFile('bash', [driver], { cwd: root, env, timeout: 300_000 }, (err) => (err && err.killed ? reject(err) : resolve())),
      );
    }),
  );
  for (const [n, o] of outcomes.entries()) {
    if (o.refused) continue;
    const dir = join(root, `case-${n}`);
    o.out = readFileSync(join(dir, 'out'), 'utf8');
    o.ran = readdirSync(dir).includes('pwned');
  }
  return outcomes;
}

describe('substitution fuzz against bash', () => {
  const seed = Number(process.env.WFS_FUZZ_SEED ?? 20261204);
  const count = Number(process.env.WFS_FUZZ_TEMPLATES ?? 40);

  it(`no value ever runs as a command, and benign values arrive byte for byte (seed ${seed})`, async (t) => {
    const root = mkdtempSync(join(tmpdir(), 'wfs-fuzz-'));
    try {
      const locale = gbkLocale(root);
      if (!locale) t.diagnostic('no GBK locale can be built here (localedef or its charmaps missing): runs use the default locale');
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: '/home-of-test', ...(locale ?? {}) };
      const plans = [
        ...PRINTING.map((p) => ({ template: { text: p.text.replaceAll('@', '<X>'), prints: p.prints }, values: [...HOSTILE, ...BENIGN] })),
        ...HOSTILE_ONLY.map((h) => ({ template: { text: h.text.replaceAll('@', '<X>') }, values: [...HOSTILE, ...BENIGN] })),
        ...generate(seed, count),
      ];
      const templates = plans.map((p) => p.template);
      const cases: { template: Template; value: string; benign: boolean }[] = [];
      for (const plan of plans) for (const value of plan.values) cases.push({ template: plan.template, value, benign: BENIGN.includes(value) });
      const outcomes = await runAll(root, cases.map((c) => ({ template: c.template.text, value: c.value })), env);
      let refused = 0;
      let checked = 0;
      for (const [n, o] of outcomes.entries()) {
        const c = cases[n];
        const what = `template ${JSON.stringify(c.template.text)} with ${JSON.stringify(c.value)}\n${o.script}`;
        assert.equal(o.ran, false, `a value ran as a command: ${what}`);
        if (o.refused) {
          refused++;
          continue;
        }
        if (c.benign && c.template.prints) {
          checked++;
          assert.equal(o.out, c.template.prints(c.value), `the value did not arrive as written: ${what}`);
        }
      }
      t.diagnostic(`${cases.length} runs of ${templates.length} templates: ${refused} refused, ${checked} benign values checked byte for byte`);
      // The printing contexts take every benign value (a refusal there would be a regression, not safety).
      for (const [n, o] of outcomes.entries()) {
        const c = cases[n];
        if (c.benign && PRINTING.some((p) => p.text.replaceAll('@', '<X>') === c.template.text)) {
          assert.equal(o.refused, false, `refused a benign value in a plain context: ${JSON.stringify(c.template.text)} with ${JSON.stringify(c.value)}`);
        }
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads the block as UTF-8 in a GBK locale, where a byte of 中 would take the escaping backslash', (t) => {
    const root = mkdtempSync(join(tmpdir(), 'wfs-fuzz-'));
    try {
      const locale = gbkLocale(root);
      if (!locale) {
        t.skip('no GBK locale can be built on this machine (localedef or glibc charmaps missing)');
        return;
      }
      const env = { PATH: process.env.PATH ?? '', ...locale };
      // A quoted here-document with a value is written unquoted, its `$` escaped: `中\$(...)` in the block.
      const script = runnableScript(substitute("cat <<'EOF'\n中$(touch pwned) <X>\nEOF", new Map([['X', 'v']])));
      const run = (wrapper: (text: string) => string): { out: string; ran: boolean } => {
        const dir = mkdtempSync(join(root, 'run-'));
        const files = writeScripts(dir, 1, script, dir);
        const r = spawnSync('bash', ['-c', wrapper(wrapperText(files, dir))], { cwd: dir, env, encoding: 'utf8' });
        return { out: r.stdout, ran: readdirSync(dir).includes('pwned') };
      };
      assert.deepEqual(run((w) => w), { out: '中$(touch pwned) v\n', ran: false });
      // Without the wrapper's UTF-8 LC_CTYPE, bash in GBK runs the text: the line is what prevents it.
      assert.equal(run((w) => w.replace(UTF8_CTYPE, ':')).ran, true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
