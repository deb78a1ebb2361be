/**
 * Deterministic Markdown documents for tests and benchmarks: realistic workflow runbooks, documents made
 * of tricky block constructs (to hold the block scanner to markdown-it), and a line-level mutator.
 * Everything depends only on the seed, so a failing case can be reproduced from its seed.
 */

/** A small, fast, seedable PRNG (mulberry32). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Picker {
  constructor(readonly random: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
}

const VERBS = ['Deploy', 'Verify', 'Back up', 'Restore', 'Migrate', 'Rotate', 'Scale', 'Drain', 'Provision', 'Audit', 'Tag', 'Build', 'Release', 'Notify'];
const NOUNS = ['database', 'service', 'cache', 'cluster', 'DNS records', 'certificates', 'API gateway', 'queue workers', 'feature flags', 'release branch', 'artifacts'];
const WORDS = ['the', 'service', 'health', 'check', 'before', 'after', 'rollout', 'ensure', 'logs', 'metrics', 'are', 'green', 'run', 'step', 'on', 'staging', 'then', 'production', 'owner', 'approves', 'change', 'window'];
const COMMANDS = [
  'kubectl rollout status deploy/api -n prod',
  'npm ci && npm test',
  'git tag -a v1.2.3 -m "release"',
  'curl -fsS localhost:8080/healthz',
  'pg_dump -Fc app > backup.dump',
  'terraform plan -out plan.tfplan',
  'docker compose up -d --build',
  'echo "done: ${SERVICE}"',
  'ssh deploy@host sudo systemctl restart app',
  'aws s3 sync ./dist s3://bucket/app --delete',
];
const EMOJI = ['🚀', '✅', '⚠️', '🔧', '📦'];
const FOREIGN = ['Schritt', 'Étape', 'ステップ', 'Paso', 'Шаг'];

function sentence(p: Picker, min = 4, max = 12): string {
  const n = p.int(min, max);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(p.pick(WORDS));
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

function title(p: Picker): string {
  return `${p.pick(VERBS)} ${p.pick(NOUNS)}`;
}

/**
 * A realistic workflow runbook of about `approxLines` lines: front matter, numbered steps with `###`
 * headings, bash blocks, Validation and Rollback lines, tables, lists, TODOs and some blank sections.
 */
export function generateWorkflowMarkdown(seed: number, approxLines: number): string {
  const p = new Picker(createRandom(seed));
  const out: string[] = [];
  const name = title(p);
  out.push('---', `title: ${name}`, `owner: team-${p.int(1, 9)}`, `status: ${p.pick(['draft', 'active', 'deprecated'])}`, `risk_level: ${p.pick(['low', 'medium', 'high'])}`, 'tags: [ops, runbook]', '---', '');
  out.push(`# ${name} Runbook`, '', '## Overview', '', sentence(p, 10, 20), sentence(p), '');
  out.push('## Prerequisites', '');
  for (let i = p.int(2, 5); i > 0; i--) out.push(`- [${p.chance(0.3) ? 'x' : ' '}] ${sentence(p, 3, 6)}`);
  out.push('', '## Steps', '');
  let step = 1;
  while (out.length < approxLines) {
    const kind = p.random();
    if (kind < 0.07) {
      // A blank section, as templates leave them.
      out.push(`## ${p.pick(['Notes', 'Escalation', 'Appendix', 'Related Links'])}`, '', p.pick(['[Describe here]', '<!-- fill in -->', 'TBD', '- ', '']), '');
      continue;
    }
    if (kind < 0.12) {
      out.push('| Item | Owner | Status |', '|------|:-----:|-------:|');
      for (let i = p.int(2, 6); i > 0; i--) out.push(`| ${title(p)} | @${p.pick(WORDS)} | ${p.pick(['done', 'open', 'n/a'])} |`);
      out.push('');
      continue;
    }
    const mode = p.pick(['Automated', 'Manual']);
    const heading = p.pick([
      `### ${step}. ${title(p)} (${mode})`,
      `### Step ${step}: ${title(p)}`,
      `### **Step ${step} — ${title(p)}**`,
      `## ${p.pick(FOREIGN)} ${step}: ${title(p)}`,
      `### ${p.pick(EMOJI)} ${step}. ${title(p)}`,
    ]);
    out.push(heading, '');
    if (p.chance(0.6)) out.push(`**Actor**: ${p.pick(['SRE on call', 'Release manager', 'CI'])}`, `**Duration**: ${p.int(1, 30)} min`, '');
    out.push(sentence(p, 6, 18), '');
    if (p.chance(0.2)) out.push(`TODO: ${sentence(p, 3, 8)}`, '');
    if (p.chance(0.85)) {
      const tilde = p.chance(0.1);
      out.push(tilde ? '~~~sh' : '```bash');
      for (let i = p.int(1, 6); i > 0; i--) out.push(p.chance(0.15) ? `# ${sentence(p, 2, 5)}` : p.pick(COMMANDS));
      out.push(tilde ? '~~~' : '```');
      out.push('');
    }
    if (p.chance(0.5)) {
      for (let i = p.int(1, 4); i > 0; i--) {
        out.push(`${p.chance(0.5) ? '-' : '*'} ${sentence(p, 3, 9)}`);
        if (p.chance(0.3)) out.push(`  - ${sentence(p, 2, 6)}`);
      }
      out.push('');
    }
    if (p.chance(0.8)) out.push(`**Validation**: ${p.chance(0.5) ? '`' + p.pick(COMMANDS) + '`' : sentence(p, 3, 8)}`, '');
    if (p.chance(0.7)) out.push(`**Rollback**: ${p.chance(0.3) ? 'N/A' : sentence(p, 3, 10)}`, '');
    if (p.chance(0.1)) out.push('---', '');
    step++;
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Tricky block constructs, nested in lists and block quotes.
// ---------------------------------------------------------------------------------------------

const INFO = ['', 'bash', 'sh', 'markdown', 'python title="x.py"', 'yaml {.line-numbers}', ' js ', 'Bash', 'text`tick'];

function indentLines(lines: string[], first: string, rest: string, p: Picker, lazy: boolean): string[] {
  return lines.map((line, i) => {
    if (i === 0) return first + line;
    if (line.trim() === '') return p.chance(0.3) ? rest.trimEnd() : '';
    if (lazy && p.chance(0.15)) return line;
    return rest + line;
  });
}

function trickyText(p: Picker): string {
  return p.pick([
    sentence(p, 1, 6),
    `${p.pick(EMOJI)} ${title(p)}`,
    `${p.pick(FOREIGN)} ${p.int(1, 9)}: ${title(p)}`,
    '2. not a list start',
    '1) after text',
    '+ plus',
    '* * *',
    '- -',
    '#hashtag',
    '# real',
    '[ref]: /url "title"',
    '[ref]:',
    '> quoted',
    '<span>inline html</span>',
    '<div>',
    '<!-- c -->',
    '`code` and | pipe',
    'a | b',
    '|---|',
    '===',
    '    indented text',
    '\tTabbed text',
    '- [ ] task',
    '```',
    '~~~',
    '\\# escaped',
  ]);
}

function trickyBlock(p: Picker, depth: number): string[] {
  const kind = p.int(0, 17);
  const pad = () => ' '.repeat(p.chance(0.2) ? p.int(1, 3) : 0);
  switch (kind) {
    case 0: {
      const level = p.chance(0.05) ? 7 : p.int(1, 6);
      let line = `${pad()}${'#'.repeat(level)}${p.chance(0.05) ? '' : p.chance(0.1) ? '\t' : ' '}${p.chance(0.05) ? '' : p.pick([title(p), `**Step ${p.int(1, 9)} — ${title(p)}**`, `${p.pick(EMOJI)} ${title(p)}`, `${p.pick(FOREIGN)} ${p.int(1, 9)}`])}`;
      if (p.chance(0.2)) line += p.pick([' ###', ' #', '#', ' ## ', '  ']);
      return [line];
    }
    case 1: {
      const lines = [pad() + title(p)];
      if (p.chance(0.3)) lines.push(trickyText(p));
      lines.push(pad() + (p.chance(0.5) ? '=' : '-').repeat(p.int(1, 8)) + (p.chance(0.2) ? '  ' : ''));
      return lines;
    }
    case 2:
    case 3: {
      const lines = [pad() + sentence(p)];
      for (let i = p.int(0, 3); i > 0; i--) lines.push(p.chance(0.3) ? trickyText(p) : sentence(p));
      return lines;
    }
    case 4:
    case 5: {
      const char = p.chance(0.7) ? '`' : '~';
      const len = p.chance(0.7) ? 3 : p.int(4, 6);
      const marker = char.repeat(len);
      const lines = [pad() + marker + p.pick(INFO)];
      for (let i = p.int(0, 4); i > 0; i--) {
        lines.push(
          p.pick([
            p.pick(COMMANDS),
            '',
            '# comment, not a heading',
            char.repeat(Math.max(3, len - 1)) + 'bash',
            '- item inside code',
            '    indented',
            '\tx',
            '## Heading in code',
            (char === '`' ? '~' : '`').repeat(3),
            '> not quote',
          ]),
        );
      }
      if (!p.chance(0.08)) lines.push(pad() + char.repeat(len + (p.chance(0.2) ? 1 : 0)) + (p.chance(0.1) ? '  ' : ''));
      return lines;
    }
    case 6:
    case 7:
    case 8: {
      if (depth >= 3) return [sentence(p)];
      const ordered = p.chance(0.4);
      const bullet = p.pick(['-', '*', '+']);
      const delim = p.chance(0.8) ? '.' : ')';
      let n = p.chance(0.8) ? 1 : p.int(0, 12);
      const out: string[] = [];
      for (let i = p.int(1, 4); i > 0; i--) {
        const marker = ordered ? `${n++}${delim}` : bullet;
        const gap = ' '.repeat(p.chance(0.85) ? 1 : p.int(2, 5));
        const task = p.chance(0.25) ? p.pick(['[ ] ', '[x] ', '[X] ', '[ ]', '[-] ']) : '';
        const body: string[] = [task + (p.chance(0.05) ? '' : p.chance(0.15) ? trickyText(p) : sentence(p, 2, 8))];
        for (let c = p.chance(0.5) ? p.int(1, 3) : 0; c > 0; c--) {
          if (p.chance(0.3)) body.push('');
          body.push(...trickyBlock(p, depth + 1));
        }
        const width = marker.length + gap.length + (p.chance(0.1) ? p.int(-2, 2) : 0);
        const lead = pad();
        out.push(...indentLines(body, lead + marker + gap, ' '.repeat(Math.max(0, lead.length + width)), p, true));
        if (p.chance(0.25)) out.push('');
      }
      return out;
    }
    case 9: {
      if (depth >= 3) return [sentence(p)];
      const body: string[] = [];
      for (let c = p.int(1, 3); c > 0; c--) {
        if (body.length && p.chance(0.3)) body.push('');
        body.push(...trickyBlock(p, depth + 1));
      }
      const prefix = p.pick(['> ', '>', ' > ', '>\t']);
      return body.map((line) => (line === '' ? (p.chance(0.5) ? '>' : '') : p.chance(0.1) ? line : prefix + line));
    }
    case 10: {
      const cols = p.int(1, 4);
      const cell = () => p.pick([title(p), '`a|b`', 'x \\| y', '', p.pick(EMOJI)]);
      const row = (n: number) => {
        const cells: string[] = [];
        for (let i = 0; i < n; i++) cells.push(cell());
        const edge = p.chance(0.8);
        return (edge ? '| ' : '') + cells.join(' | ') + (edge ? ' |' : '');
      };
      const aligns: string[] = [];
      for (let i = 0; i < cols; i++) aligns.push(p.pick(['---', ':---', '---:', ':-:', '-']));
      const lines = [row(cols), (p.chance(0.8) ? '|' : '') + aligns.join('|') + (p.chance(0.8) ? '|' : '')];
      if (p.chance(0.05)) lines[1] = '|---|---|---|---|---|';
      for (let i = p.int(0, 4); i > 0; i--) lines.push(p.chance(0.1) ? trickyText(p) : row(p.int(1, cols + 1)));
      return lines;
    }
    case 11: {
      return p.pick([
        ['<!-- single line comment -->'],
        ['<!--', '# Heading inside comment', '', '```', '-->'],
        ['<!-- wfs-disable step.no-rollback -->'],
        ['<div align="center">', '', '# not html'],
        ['<details>', '<summary>More</summary>', '', '- item', '</details>'],
        ['<custom-tag attr="x">', 'text'],
        ['<span>inline</span> text'],
        ['<pre>', '# not a heading', '</pre>'],
        ['<!-- unclosed comment', '## hidden?'],
        ['<?php echo 1; ?>'],
        ['<!DOCTYPE html>'],
      ]);
    }
    case 12:
      return [p.pick(['    ', '\t', '     ']) + p.pick(COMMANDS), ...(p.chance(0.5) ? ['', '    ' + p.pick(COMMANDS)] : [])];
    case 13:
      return [pad() + p.pick(['---', '***', '___', '- - -', '* * *', '-----', '_ _', '--'])];
    case 14:
      return [p.pick(['[foo]: /url', '[Foo Bar]: <my url> "Title"', '[x]:\n/url', '[a]: /u \'t\' junk', '[]: /empty', '[b]: javascript:alert(1)'])].flatMap((s) => s.split('\n'));
    case 15:
      return [p.pick(['**Validation**: `make check`', '**Rollback**: N/A', 'TODO: fill this in', `Run: \`${p.pick(COMMANDS)}\``])];
    case 16:
      return [''];
    default:
      return [trickyText(p)];
  }
}

/** A document of about `approxLines` lines made of tricky block constructs, nested up to 3 deep. */
export function generateEdgeCaseMarkdown(seed: number, approxLines: number): string {
  const p = new Picker(createRandom(seed));
  const out: string[] = [];
  while (out.length < approxLines) {
    out.push(...trickyBlock(p, 0));
    if (p.chance(0.7)) out.push('');
  }
  if (p.chance(0.1)) {
    // Tabs instead of leading spaces somewhere.
    const i = p.int(0, out.length - 1);
    out[i] = out[i].replace(/^ {1,4}/, '\t');
  }
  return out.join('\n') + (p.chance(0.8) ? '\n' : '');
}

/**
 * A mutation of `text`: one to four line-level edits (delete, duplicate, swap, re-indent, insert a blank
 * line or a tab, change a fence marker, drop a closing fence). The line ending style is kept.
 */
export function mutate(text: string, seed: number): string {
  const p = new Picker(createRandom(seed));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r\n|\n|\r/);
  const edits = p.int(1, 4);
  for (let e = 0; e < edits && lines.length > 0; e++) {
    const i = p.int(0, lines.length - 1);
    switch (p.int(0, 9)) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines.splice(i, 0, lines[i]);
        break;
      case 2:
        if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
        break;
      case 3: {
        const n = p.int(1, 4);
        lines[i] = p.chance(0.5) ? ' '.repeat(n) + lines[i] : lines[i].replace(new RegExp(`^ {1,${n}}`), '');
        break;
      }
      case 4:
        lines.splice(i, 0, '');
        break;
      case 5:
        lines[i] = p.chance(0.5) ? '\t' + lines[i] : lines[i].replace(/^( *)(\S)/, `$1\t$2`);
        break;
      case 6:
      case 7: {
        // Change a fence marker: ``` to ~~~ or ````, or the other way round.
        const fence = findLine(lines, i, /^\s*(`{3,}|~{3,})/);
        if (fence >= 0) lines[fence] = lines[fence].replace(/`{3,}|~{3,}/, p.pick(['~~~', '````', '```', '~~~~', '``']));
        break;
      }
      case 8: {
        // Drop a closing fence.
        const fence = findLine(lines, i, /^\s*(`{3,}|~{3,})\s*$/);
        if (fence >= 0) lines.splice(fence, 1);
        break;
      }
      default: {
        const n = p.int(1, 4);
        lines[i] = lines[i].replace(/^(\s*)/, (m) => (p.chance(0.5) ? m + ' '.repeat(n) : m.slice(n)));
      }
    }
  }
  return lines.join(eol);
}

function findLine(lines: string[], from: number, pattern: RegExp): number {
  for (let k = 0; k < lines.length; k++) {
    const j = (from + k) % lines.length;
    if (pattern.test(lines[j])) return j;
  }
  return -1;
}

const FUZZ_PREFIXES = ['', '', '', ' ', '  ', '   ', '    ', '     ', '\t', ' \t', '> ', '>', '>\t', '- ', '* ', '+ ', '1. ', '2) ', '10. ', '-', '-\t', '1.', '-    ', '   - ', '  > '];
const FUZZ_CONTENT = [
  'text', 'more text', '```', '```bash', '~~~', '~~~~', '````markdown', '``` a`b', '# Heading', '### x ###', '#', '#5 bolt',
  '---', '***', '- - -', '===', '==', '-', '| a | b |', '|-|-|', 'a | b', '--- | ---', '|:-:|', '<!--', '-->', '<!-- x -->',
  '<div>', '</div>', '<pre>', '</pre>', '<span>x</span>', '[a]: /b', '[a]:', '"title"', '[b]: <c> \'t\'', '', '', '', '- [ ] t',
  '[x] done', '    code', '\tcode', '> q', '1. one', '2. two', '* star', '+ plus', '<?x', '?>', '<![CDATA[', ']]>', '<!X',
  '\u00a0| a |', '| b |\u3000', '# \u00a0x\u00a0', '\u2003text', '[a]: /b "t', 'x"', '[c]: <d e>', '[d]:', '/url', "'t'", '(t)',
  '[e', 'f]: /g', '[x]: javascript:y', '[ ]: /h', '<script>', '</script>', '<textarea', '<a href="x">', '<x-y/>', '`` `', '~~~ ~',
];

/** Lines made of random container prefixes and block starts: odd nesting the other generators rarely reach. */
export function generateFuzzMarkdown(seed: number, lines: number): string {
  const p = new Picker(createRandom(seed));
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    let line = '';
    for (let k = p.int(0, 3); k > 0; k--) line += p.pick(FUZZ_PREFIXES);
    line += p.pick(FUZZ_CONTENT);
    if (p.chance(0.05)) line += p.pick([' ', '\t', '  #', '```']);
    out.push(line);
  }
  return out.join(p.chance(0.9) ? '\n' : '\r\n') + (p.chance(0.5) ? '\n' : p.chance(0.5) ? '\n   ' : '');
}
