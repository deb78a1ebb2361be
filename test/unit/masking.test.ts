/**
 * Masking secrets in what a run records (masking.ts) and cutting output only after masking (output.ts): pure cases,
 * then real bash (`set -x`, line-prefixing tools, long output) through the ProcessExecutor and the engine.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StepInfo, StepsResult } from '../../server/src/protocol';
import { runWorkflow, type CommandExecutor, type RunEvent } from '../../server/src/run/engine';
import { MASK, MIN_MASKED_LINE, masker, secretForms } from '../../server/src/run/masking';
import { OUTPUT_CAPTURE, OUTPUT_TAIL, OutputCapture, keptOutput } from '../../server/src/run/output';
import { hexEscapes } from '../../server/src/run/shellQuote';
import { ProcessExecutor } from '../../server/src/run/processExecutor';

const KEY = "-----BEGIN KEY-----\nMIIEvQ'IBADANBgkq\nhkiG9w0BAQEFAASC\nab\n-----END KEY-----";
/** The lines of KEY that must never show; `ab` is shorter than the minimum and is masked only with its neighbours. */
const KEY_LINES = KEY.split('\n').filter((l) => l.length >= MIN_MASKED_LINE);

const R = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const step = (title: string, code: string): StepInfo => ({
  index: 0, title, range: R, titleRange: R, source: 'heading', kind: 'command', placeholders: [], commands: [{ lang: 'bash', code, range: R, contentRange: R, inline: false, runnable: true }],
});
const wf = (steps: StepInfo[]): StepsResult => ({ uri: 'file:///w/wf.md', format: 'frontmatter', title: 'WF', steps: steps.map((s, index) => ({ ...s, index })) });

/** Runs a workflow for real with bash; returns the events and the raw (unmasked) output the executor gave back. */
async function runForReal(steps: StepInfo[], variables: Record<string, string>): Promise<{ events: RunEvent[]; raw: string[] }> {
  const real = new ProcessExecutor();
  const raw: string[] = [];
  const executor: CommandExecutor = {
    async run(code, opts) {
      const r = await real.run(code, opts);
      raw.push(r.output ?? '');
      return r;
    },
  };
  const events: RunEvent[] = [];
  try {
    let t = 0;
    await runWorkflow(wf(steps), {
      executor,
      prompts: { approve: async () => true, manual: async () => 'done', decide: async () => undefined, variable: async () => undefined },
      clock: { now: () => ++t, sleep: async () => undefined },
      emit: (e) => events.push(e),
    }, { variables });
  } finally {
    real.dispose();
  }
  return { events, raw };
}

const outputOf = (events: RunEvent[]): string => events.flatMap((e) => (e.type === 'output' ? [e.text] : [])).join('\n');

describe('masking', () => {
  it('masks each line of a multi-line secret that a tool prefixes or numbers', () => {
    const mask = masker([KEY]);
    const prefixed = KEY.split('\n').map((l, i) => [`> ${l}`, `     ${i + 1}\t${l}`, `[pod/web-1] ${l}`, `web-1  | ${l}`].join('\n')).join('\n');
    const out = mask(prefixed);
    for (const line of KEY_LINES) assert.ok(!out.includes(line), `${line} in ${out}`);
    assert.ok(out.includes(`> ${MASK}`) && out.includes(`[pod/web-1] ${MASK}`));
  });

  it('leaves a line shorter than the minimum visible alone (it would mask innocent text), and masks it with its neighbours', () => {
    const mask = masker([KEY]);
    assert.equal(mask('> ab\nlab rat'), '> ab\nlab rat');
    assert.equal(mask(`key: ${KEY} end`), `key: ${MASK} end`);
    // A secret of one line is masked whatever its length: only the lines of a multi-line secret have a minimum.
    assert.equal(masker(['ab'])('lab rat'), `l${MASK} rat`);
  });

  it('masks overlapping secrets by their union: nothing of either shows', () => {
    const mask = masker(['abcd1234', '1234wxyz']);
    assert.equal(mask('x abcd1234wxyz y'), `x ${MASK} y`);
    assert.equal(mask('1234wxyzabcd1234'), MASK);
    // Overlapping occurrences of one secret too.
    assert.equal(masker(['abab'])('xababab-'), `x${MASK}-`);
    assert.deepEqual(mask.ranges('__abcd1234wxyz__1234wxyz'), [[2, 14], [16, 24]]);
  });

  it('masks the forms set -x prints: quotes as \'\\\'\', raw line breaks, $\'...\' escapes', () => {
    const mask = masker([KEY, 'tok\x7fen\x1b-9f8e7d6c']);
    const traced = `+ S='-----BEGIN KEY-----\nMIIEvQ'\\''IBADANBgkq\nhkiG9w0BAQEFAASC\nab\n-----END KEY-----'\n+ : $'tok\\177en\\E-9f8e7d6c'`;
    const out = mask(traced);
    assert.ok(!out.includes('IBADANBgkq') && !out.includes('9f8e7d6c'), out);
    // The $'...' form of a multi-line value, as other bash versions (or a control character) have set -x print it.
    assert.equal(mask(`+ : $'-----BEGIN KEY-----\\nMIIEvQ\\'IBADANBgkq\\nhkiG9w0BAQEFAASC\\nab\\n-----END KEY-----'`), `+ : $'${MASK}'`);
    // Also a line on its own, as `printf '[x] %s\n' "$line"` under set -x prints it.
    assert.equal(mask(`+ printf '[x] %s\\n' 'MIIEvQ'\\''IBADANBgkq'`), `+ printf '[x] %s\\n' '${MASK}'`);
  });

  it('masks the hexadecimal escapes the runner sets a value from, whole and line by line', () => {
    const secret = `it's $x\nline two`;
    const forms = secretForms(secret);
    for (const f of [hexEscapes(secret), hexEscapes('line two')]) assert.ok(forms.includes(f), f);
    const text = `bash: line 1: \`__wfs_TOKEN=$'${hexEscapes(secret)}'; x=(;'`;
    assert.ok(!masker([secret])(text).includes(hexEscapes('line')), 'no escaped byte run of the secret is left');
  });

  it('cuts output only after masking: a cut through a secret shows ***, never part of it', () => {
    const secret = 'SECRET-PART-ONE-SECRET-PART-TWO';
    const text = `${'a'.repeat(5000)}${secret}${'b'.repeat(OUTPUT_TAIL - 20)}`;
    const kept = keptOutput(text, masker([secret]));
    assert.ok(kept.startsWith(MASK) && !kept.includes('PART'), kept.slice(0, 40));
    // From a line start when there is one.
    assert.equal(keptOutput(`${'y'.repeat(5000)}\nkept`, masker([])), 'kept');
    assert.equal(keptOutput(`a\r\nb\rc`, masker(['b'])), `a\n${MASK}\nc`);
  });

  it('drops the start of a capture that lost its beginning, where the end of a secret may show', () => {
    const secret = 'SECRET-PART-ONE-SECRET-PART-TWO';
    // The capture began in the middle of the secret: what is left of it cannot be matched.
    const text = `${secret.slice(10)}\n${'r'.repeat(masker([secret]).longest)}\nrest of the output`;
    assert.ok(keptOutput(text, masker([secret])).includes('PART-TWO'), 'without the flag the end of the secret shows');
    assert.equal(keptOutput(text, masker([secret]), true), 'rest of the output');
  });

  it('captures at most OUTPUT_CAPTURE characters and says when it dropped the start', () => {
    const c = new OutputCapture();
    c.append('x'.repeat(OUTPUT_CAPTURE - 1));
    assert.equal(c.cut, false);
    c.append('yz');
    assert.equal(c.cut, true);
    assert.equal(c.text.length, OUTPUT_CAPTURE);
    assert.ok(c.text.endsWith('xyz'));
  });
});

describe('masking with real bash', () => {
  it('no line of a multi-line secret with a quote survives set -x, sed, nl or a log prefix', async () => {
    const code = [
      'set -x',
      'S=<PRIVATE_KEY>',
      'T=<API_TOKEN>',
      'echo "$S"',
      `printf '%s\\n' "$S" | sed 's/^/> /'`,
      `printf '%s\\n' "$S" | nl`,
      `printf '%s\\n' "$S" | while IFS= read -r line; do printf '[pod/web-1] %s\\n' "$line"; done`,
      ': "$T"',
    ].join('\n');
    const { events, raw } = await runForReal([step('Leak', code)], { PRIVATE_KEY: KEY, API_TOKEN: 'tok\x7fen-9f8e7d6c' });
    const rawText = raw.join('\n');
    // The test means something: bash did print every line, traced with '\'' and as $'...', prefixed and numbered.
    assert.ok(rawText.includes(`MIIEvQ'\\''IBADANBgkq`), rawText);
    assert.ok(rawText.includes(`> MIIEvQ'IBADANBgkq`) && rawText.includes(`[pod/web-1] hkiG9w0BAQEFAASC`), rawText);
    assert.ok(/\d\tMIIEvQ'IBADANBgkq/.test(rawText) && rawText.includes(`$'tok\\177en-9f8e7d6c'`), rawText);
    const recorded = JSON.stringify(events);
    for (const line of [...KEY_LINES, 'en-9f8e7d6c']) assert.ok(!recorded.includes(line) && !recorded.includes(JSON.stringify(line).slice(1, -1)), line);
    assert.ok(outputOf(events).includes(`+ echo ${MASK}`) || outputOf(events).includes(`+ echo '${MASK}'`), outputOf(events));
  });

  it('long output is masked before it is cut: a secret across the 4 KB boundary shows as ***', async () => {
    const secret = 'SECRET-PART-ONE-SECRET-PART-TWO';
    const code = `head -c 5000 /dev/zero | tr '\\0' a; printf '%s' <API_KEY>; head -c ${OUTPUT_TAIL - 20} /dev/zero | tr '\\0' b`;
    const { events, raw } = await runForReal([step('Long', code)], { API_KEY: secret });
    assert.ok(raw[0].includes(secret), 'bash printed the whole secret');
    const text = outputOf(events);
    assert.ok(!text.includes('PART') && text.startsWith(MASK), text.slice(0, 60));
  });
});
