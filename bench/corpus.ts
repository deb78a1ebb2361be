/**
 * The benchmark's corpus: 2,000 small workflow documents (30-150 lines) in nested folders, a deterministic
 * mix of the Markdown formats. Written once into bench/.generated/ (git-ignored) and reused while the stamp matches.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRandom, generateWorkflowMarkdown } from '../test/unit/support/markdown-gen';

/** Bump when the generated documents change, so old corpora are rewritten. */
const CORPUS_VERSION = 1;

type Random = () => number;

const WORDS = ['deploy', 'service', 'database', 'cache', 'queue', 'billing', 'reports', 'search', 'gateway', 'users', 'invoices', 'metrics'];
const VERBS = ['Check', 'Build', 'Verify', 'Restart', 'Migrate', 'Back up', 'Announce', 'Tag', 'Publish', 'Drain'];
const COMMANDS = ['npm ci', 'npm test', 'npm run build', 'git status --short', 'git log --oneline -5', 'git fetch origin', 'ls -la dist', 'node --version', 'df -h /', 'du -sh node_modules'];

const int = (r: Random, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));
const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)];
const phrase = (r: Random, n: number): string => Array.from({ length: n }, () => pick(r, WORDS)).join(' ');

function frontmatterDoc(r: Random, lines: number): string {
  const name = `${pick(r, VERBS)} ${pick(r, WORDS)}`;
  const out = ['---', `title: "[Workflow] ${name}"`, 'type: system', 'subtype: workflow', `tags: [workflow, ${pick(r, WORDS)}]`, 'version: 1', 'active: true',
    `frequency: ${pick(r, ['daily', 'weekly', 'on-demand'])}`, `automation_level: ${pick(r, ['manual', 'semi-auto', 'full-auto'])}`, '---', '',
    `# [Workflow] ${name}`, '', '## Overview', `Keeps the ${phrase(r, 3)} healthy.`, '', '## Triggers', '- **Manual**: on request', '', '## Prerequisites', '- [ ] Access to the repository', '', '## Steps', ''];
  for (let step = 1; out.length < lines - 6; step++) {
    out.push(`### ${step}. ${pick(r, VERBS)} ${pick(r, WORDS)} (${pick(r, ['Automated', 'Manual'])})`, '**Actor**: System', `**Duration**: ~${int(r, 1, 20)} minutes`, '', '```bash', pick(r, COMMANDS), pick(r, COMMANDS), '```', '');
    if (r() < 0.8) out.push(`**Validation**: ${phrase(r, 4)}`);
    if (r() < 0.7) out.push(`**Rollback**: ${phrase(r, 4)}`);
    out.push('');
  }
  out.push('## Rollback Procedure', '', '1. Identify the failure point', '2. Restore the previous state', '');
  return out.join('\n');
}

function fileHeaderDoc(r: Random, lines: number, path: string): string {
  const date = `2026-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}`;
  const out = ['---', `description: ${phrase(r, 5)}`, '---', '', `# ${pick(r, VERBS)} ${pick(r, WORDS)}`, '',
    `**FILE**: ${path} | **PURPOSE**: ${phrase(r, 4)} | **OWNER**: Team ${int(r, 1, 9)} | **LAST-AUDITED**: ${r() < 0.1 ? 'soon' : date}`, '',
    '## Overview', '', `Handles the ${phrase(r, 3)}.`, '', '## Trigger', '', '**Command**: `npm run task`', '', '## Prerequisites', '', '- [ ] Clean tree', '', '## Steps', ''];
  for (let step = 1; out.length < lines - 6; step++) {
    out.push(`### Step ${step}: ${pick(r, VERBS)} ${pick(r, WORDS)}`, '', `**Purpose**: ${phrase(r, 4)}`, '', '**Actions**:', '```bash', pick(r, COMMANDS), '```', '', '**Verification**:', `- [ ] ${phrase(r, 3)}`, '');
  }
  out.push('## Success Criteria', '', '- [ ] Done', '', '## Rollback Procedure', '', '1. Revert the change', '');
  return out.join('\n');
}

function catalogDoc(r: Random, lines: number): string {
  const out = ['---', 'auto_execution_mode: 3', `description: ${phrase(r, 5)}`, '---', '', `# ${pick(r, VERBS)} ${pick(r, WORDS)}`, '', '## 0. Index Entry (for catalog)', '',
    `- **Workflow name:** \`${pick(r, WORDS)}-${int(r, 1, 99)}\``, `- **Short description (1–2 sentences):** ${phrase(r, 6)}`, `- **Status:** ${pick(r, ['Draft', 'Live (prod)', 'In review', 'Shipping'])}`,
    `- **Risk level:** ${pick(r, ['Low', 'Medium', 'High'])}`, '- **Primary owners (team / role):** Billing team', '', '---', ''];
  const sections = ['Problem Statement', 'High-Level Flow', 'Triggers and Inputs', 'Actions and Outputs', 'Failure Modes and Error Handling', 'Idempotency Strategy', 'Observability', 'Testing Strategy'];
  for (let i = 0; out.length < lines - 3; i++) {
    out.push(`## ${i + 1}. ${sections[i % sections.length]}`, '');
    const roll = r();
    if (roll < 0.15) out.push('');
    else if (roll < 0.2) out.push('Not applicable for this workflow', '');
    else out.push(`- **Detail:** ${phrase(r, 6)}`, `- **Notes:** ${r() < 0.1 ? 'TODO decide' : phrase(r, 5)}`, '');
  }
  return out.join('\n');
}

function skillDoc(r: Random, lines: number): string {
  const skills = ['discovery', 'planner', 'audit', 'docs-writer', 'test-generator'];
  const out = ['---', `description: ${phrase(r, 4)}`, '---', '', '# Workflows', '', '## Skill ID Legend', '', '| Skill | ID |', '| --- | --- |', ...skills.map((s) => `| ${s} | \`${s}\` |`), ''];
  for (let w = 1; out.length < lines - 8; w++) {
    out.push(`## ${pick(r, VERBS)} Workflow ${w}`, `**Use when**: ${phrase(r, 5)}.`, '**Sequence**:');
    for (let i = 1; i <= int(r, 2, 5); i++) out.push(`${i}. \`${r() < 0.05 ? 'unknown-skill' : pick(r, skills)}\`: ${phrase(r, 4)}.`);
    out.push('**Exit criteria**:', `- ${phrase(r, 4)}.`, '');
  }
  return out.join('\n');
}


export interface Corpus {
  dir: string;
  files: string[];
}

/** Writes (once) and returns the corpus of `count` documents under `root`. */
export function ensureCorpus(root: string, count: number): Corpus {
  const dir = join(root, `corpus-${count}`);
  const stampPath = join(dir, '.stamp.json');
  const stamp = JSON.stringify({ version: CORPUS_VERSION, count, markdownOnly: true });
  const r = createRandom(20260101);
  const files: Array<{ path: string; text: string }> = [];
  for (let i = 0; i < count; i++) {
    const lines = int(r, 30, 150);
    const folder = [`team-${i % 7}`, `area-${(i * 7) % 5}`, ...(i % 3 === 0 ? [`sub-${i % 4}`] : [])].join('/');
    const kind = i % 10;
    let name: string;
    let text: string;
    if (kind < 4) {
      name = `runbook-${i}.md`;
      text = generateWorkflowMarkdown(i + 1, lines);
    } else if (kind === 4) {
      name = `workflow-${i}.md`;
      text = frontmatterDoc(r, lines);
    } else if (kind === 5) {
      name = `release-${i}.md`;
      text = fileHeaderDoc(r, lines, `${folder}/release-${i}.md`);
    } else if (kind === 6 || kind === 7) {
      name = `catalog-${i}.md`;
      text = catalogDoc(r, lines);
    } else if (kind === 8) {
      name = `skills-${i}.md`;
      text = skillDoc(r, lines);
    } else {
      // Markdown only: the corpus budget compares with reading and gray-matter-parsing the same files, which
      // means Markdown with front matter; YAML definitions have their own inputs and budgets.
      name = `runbook-${i}.md`;
      text = generateWorkflowMarkdown(i + 1, lines);
    }
    files.push({ path: join(dir, folder, name), text });
  }
  if (!existsSync(stampPath) || readFileSync(stampPath, 'utf8') !== stamp) {
    rmSync(dir, { recursive: true, force: true });
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      writeFileSync(f.path, f.text);
    }
    writeFileSync(stampPath, stamp);
  }
  return { dir, files: files.map((f) => f.path).sort() };
}
