/**
 * Linear time on hostile input: every regular expression of the language server and the extension is checked
 * by recheck, a ReDoS checker (its pure-JavaScript backend, so no native binary or Java is needed). A pattern
 * recheck calls polynomial or exponential fails the test, and so does one it cannot decide ("unknown").
 *
 * The patterns are the regular expression literals and the `new RegExp(...)` calls with a static pattern in
 * server/src and client/src, found with the TypeScript compiler API (test/unit/support/regexp-sources.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { regExpSites, regExpSitesOfText, tsFiles } from './support/regexp-sources';
import { LEADING_NUMBER } from '../../server/src/service/parse/normalize';
import { STEP_KEYWORD } from '../../server/src/service/parse/vocabulary';
import type { DynamicRegExpSite, RegExpSite } from './support/regexp-sources';

const ROOT = join(__dirname, '..', '..');
const SOURCE_ROOTS = ['server/src', 'client/src'];
const WORKER = join(__dirname, 'support', 'recheck-worker.cjs');

/**
 * A last guard per pattern, in wall-clock time. recheck itself runs on step limits (see recheck-worker.cjs), so
 * its verdicts do not depend on the machine's load; the slowest pattern takes about 7 s of CPU.
 */
const PER_PATTERN_LIMIT_MS = 180_000;

/**
 * Patterns allowed to be super-linear because their input is cut to a fixed length first. Each entry names
 * the cap and the unit test that proves the input never exceeds it. Empty: every pattern is linear.
 */
const CAPPED: readonly { file: string; source: string; cap: string; capTest: string }[] = [];

/** Expressions built at run time, which recheck cannot see, and why each is linear. */
const DYNAMIC: readonly { file: string; text: string; why: string }[] = [
  {
    file: 'server/src/run/shellQuote.ts',
    text: 'new RegExp(`^-[a-zA-Z]*[${OPTION_VALUES[command]}]$`)',
    why: 'one class of option letters from a constant table, anchored at both ends: one pass',
  },
  {
    file: 'server/src/service/parse/normalize.ts',
    text: "new RegExp(String.raw`^(?:(?:${STEP_WORDS.join('|')})\\s*)?(\\d+(?:\\.\\d+)*)[.):]?(?:\\s*[:—–-])?\\s+`, 'iu')",
    why: 'anchored at the start; the step words are literals from a constant list; each part is optional at most once and a blank run is crossed once',
  },
  {
    file: 'server/src/service/parse/vocabulary.ts',
    text: "new RegExp(String.raw`^(?:${STEP_WORDS.join('|')})\\s*${NUMBER}(?![\\p{L}\\p{N}])`, 'iu')",
    why: 'anchored at the start; literal step words from a constant list, blanks, then a number pattern of digits and dots: one pass',
  },
];

interface Verdict {
  status: 'safe' | 'vulnerable' | 'unknown';
  complexity?: string;
  attack?: string;
  error?: string;
}

/** Checks patterns on worker threads (one per core), each pattern bounded by PER_PATTERN_LIMIT_MS. */
async function checkPatterns(patterns: readonly { source: string; flags: string }[]): Promise<Verdict[]> {
  const verdicts: Verdict[] = new Array(patterns.length);
  let next = 0;
  const run = (): Promise<void> =>
    new Promise((resolve, reject) => {
      let worker = new Worker(WORKER);
      let current = -1;
      let timer: NodeJS.Timeout | undefined;
      const listen = (): void => {
        worker.on('message', (v: Verdict & { id: number }) => {
          clearTimeout(timer);
          verdicts[v.id] = v;
          send();
        });
        worker.on('error', reject);
      };
      const send = (): void => {
        if (next >= patterns.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        current = next++;
        timer = setTimeout(() => {
          // recheck does not stop by itself within the guard: record it as undecided and go on in a new worker.
          verdicts[current] = { status: 'unknown', error: `no verdict within ${PER_PATTERN_LIMIT_MS / 1000} s` };
          void worker.terminate();
          worker = new Worker(WORKER);
          listen();
          send();
        }, PER_PATTERN_LIMIT_MS);
        worker.postMessage({ id: current, ...patterns[current] });
      };
      listen();
      send();
    });
  const threads = Math.max(1, Math.min(availableParallelism(), 4, patterns.length));
  await Promise.all(Array.from({ length: threads }, run));
  return verdicts;
}

function describeSite(s: RegExpSite): string {
  return `${s.file}:${s.line} /${s.source}/${s.flags}`;
}

describe('regular expressions are linear (recheck)', () => {
  it('finds literals, static RegExp calls and run-time ones with the TypeScript compiler API', () => {
    const { sites, dynamic } = regExpSitesOfText(
      [
        "const WORD = '\\\\w+';",
        'const a = /^a+$/i;',
        "const b = new RegExp('^(?:' + WORD + ')$', 'u');",
        'const c = RegExp(`x${WORD}`);',
        'const d = new RegExp(pattern);',
        "const e = 'not /a regex/';",
      ].join('\n'),
      'sample.ts',
    );
    assert.deepEqual(
      sites.map((s) => [s.line, s.source, s.flags]),
      [
        [2, '^a+$', 'i'],
        [3, '^(?:\\w+)$', 'u'],
        [4, 'x\\w+', ''],
      ],
    );
    assert.deepEqual(dynamic.map((d) => [d.line, d.text]), [[5, 'new RegExp(pattern)']]);
  });

  it('recheck reports known super-linear patterns as such', async () => {
    const verdicts = await checkPatterns([
      { source: '^(a+)+$', flags: '' },
      { source: '\\s*-->\\s*$', flags: '' },
      { source: '^\\s*-->$', flags: '' },
    ]);
    assert.deepEqual(
      verdicts.map((v) => [v.status, v.complexity]),
      [
        ['vulnerable', 'exponential'],
        ['vulnerable', 'polynomial'],
        ['safe', 'linear'],
      ],
    );
  });

  it('no regular expression in server/src or client/src is polynomial or exponential', async () => {
    const sites: RegExpSite[] = [];
    const dynamic: DynamicRegExpSite[] = [];
    for (const root of SOURCE_ROOTS) {
      for (const file of tsFiles(join(ROOT, root))) {
        const found = regExpSites(file, relative(ROOT, file).replace(/\\/g, '/'));
        sites.push(...found.sites);
        dynamic.push(...found.dynamic);
      }
    }
    // The same pattern is checked once, wherever it is written. The `d` flag (match indices) does not change
    // what matches, and recheck does not take it.
    const checked = (site: RegExpSite): { source: string; flags: string } => ({ source: site.source, flags: site.flags.replace('d', '') });
    const keyOf = (p: { source: string; flags: string }): string => `${p.flags}/${p.source}`;
    const distinct = [...new Map(sites.map((s) => [keyOf(checked(s)), checked(s)])).values()];
    const verdicts = await checkPatterns(distinct);
    const verdictOf = new Map(distinct.map((p, i) => [keyOf(p), verdicts[i]]));

    const problems: string[] = [];
    let flagged = 0;
    for (const site of sites) {
      const v = verdictOf.get(keyOf(checked(site)))!;
      if (v.status === 'safe') continue;
      flagged++;
      const capped = CAPPED.find((c) => c.file === site.file && c.source === site.source);
      if (capped) continue;
      problems.push(
        v.status === 'vulnerable'
          ? `${describeSite(site)}: ${v.complexity} (attack: ${v.attack})`
          : `${describeSite(site)}: recheck could not decide (${v.error}); rewrite it so that it can`,
      );
    }
    for (const c of CAPPED) {
      assert.ok(c.cap.trim() !== '', `${c.file} /${c.source}/: an allowed pattern must name its length cap`);
      const tests = tsFiles(join(ROOT, 'test', 'unit')).map((f) => readFileSync(f, 'utf8'));
      assert.ok(tests.some((t) => t.includes(`'${c.capTest}'`)), `${c.file} /${c.source}/: no unit test named "${c.capTest}" proves its cap`);
    }
    console.log(
      `redos: ${sites.length} regular expressions (${distinct.length} distinct) in ${SOURCE_ROOTS.join(' and ')} checked by recheck; ` +
        `${flagged} polynomial, exponential or undecided, ${flagged - problems.length} of them allowed by a length cap`,
    );
    assert.deepEqual(problems, []);

    // A RegExp built at run time is not seen here: each must be listed with the reason it is linear.
    const unlisted = dynamic.filter((d) => !DYNAMIC.some((k) => k.file === d.file && k.text === d.text));
    assert.deepEqual(unlisted.map((d) => `${d.file}:${d.line} ${d.text}`), [], 'list each run-time RegExp in DYNAMIC with why it is linear');
    const stale = DYNAMIC.filter((k) => !dynamic.some((d) => k.file === d.file && k.text === d.text));
    assert.deepEqual(stale.map((k) => `${k.file}: ${k.text}`), [], 'DYNAMIC names a RegExp that is gone');
  });

  it('the expressions built from the step words at run time are linear too (recheck on the built pattern)', async () => {
    const built = [LEADING_NUMBER, STEP_KEYWORD];
    const verdicts = await checkPatterns(built.map((re) => ({ source: re.source, flags: re.flags })));
    assert.deepEqual(verdicts.map((v, i) => `${built[i].source.slice(0, 40)}…: ${v.status}`), built.map((re) => `${re.source.slice(0, 40)}…: safe`));
  });
});
