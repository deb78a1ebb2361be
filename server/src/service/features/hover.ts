/**
 * Hover: what a field means (from its JSON Schema or the template's guidance), what a diagnostic's rule checks
 * and why, and where a YAML route leads.
 *
 * Links to rule pages are written relative to the extension (`docs/rules/<id>.md`); the LSP layer resolves them.
 */
import type { Step, WorkflowModel } from '../model';
import type { LintOptions } from '../options';
import type { WorkflowDiagnostic } from '../rules/types';
import type { WorkspaceView } from '../workspace';
import type { HoverResult } from './types';
import { RULES } from '../rules';
import { schemaFor } from '../schemas';
import { stepIndex } from '../parse/yamlDefinition';
import { lineAt } from '../text';
import { conventionSections } from '../conventions/shape';
import { requiredCount } from '../conventions/derive';
import { support } from '../conventions/findings';
import type { JsonSchema } from './completion';
import { destructiveMatch, destructiveTable, isReadOnly } from '../shell/destructive';
import { RUNNABLE_LANGS } from '../parse/vocabulary';
import { needsApproval } from '../stepKind';
import { workflowFacts } from './catalog';
import { frontmatterSchemaOf, indexFieldGuidance, indexFieldSpec, resolveSchema, schemaAtPath, schemaTypeLabel } from './completion';

interface Part {
  markdown: string;
  start: number;
  end: number;
}

export function hover(model: WorkflowModel, options: LintOptions, offset: number, workspace: WorkspaceView, diagnostics: readonly WorkflowDiagnostic[]): HoverResult | undefined {
  const parts: Part[] = [];
  const subject =
    frontmatterKeyHover(model, offset) ?? fileHeaderHover(model, offset) ?? indexFieldHover(model, offset) ?? stepReferenceHover(model, offset) ?? yamlKeyHover(model, offset) ??
    shellCommandHover(model, options, offset) ?? sectionConventionHover(model, options, offset);
  if (subject) parts.push(subject);
  parts.push(...diagnosticHovers(offset, diagnostics));
  if (parts.length === 0) return undefined;
  return { markdown: parts.map((p) => p.markdown).join('\n\n---\n\n'), start: parts[0].start, end: parts[0].end };
}

/** Whether the character at `offset` is in [start, end) (an empty range holds its own position). */
const within = (offset: number, start: number, end: number): boolean => (start === end ? offset === start : start <= offset && offset < end);

function code(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** A schema property's hover text: name and type, description, allowed values, examples, range. */
function schemaMarkdown(title: string, root: JsonSchema, schema: JsonSchema): string {
  const s = resolveSchema(root, schema) ?? schema;
  const type = schemaTypeLabel(root, s);
  const lines = [`**${title}**${type && type !== 'enum' ? `: ${code(type)}` : ''}`];
  if (s.description) lines.push(s.description);
  if (s.enum) lines.push(`Allowed values: ${s.enum.map(code).join(', ')}`);
  if (s.examples) lines.push(`Examples: ${s.examples.map(code).join(', ')}`);
  if (s.minimum !== undefined && s.maximum !== undefined) lines.push(`From ${s.minimum} to ${s.maximum}.`);
  else if (s.minimum !== undefined) lines.push(`At least ${s.minimum}.`);
  return lines.join('\n\n');
}

/** On a section heading, how common the section is in the document's group (when the group has a convention). */
function sectionConventionHover(model: WorkflowModel, options: LintOptions, offset: number): Part | undefined {
  const convention = options.convention;
  if (!convention) return undefined;
  const found = conventionSections(model).find((p) => within(offset, p.section.heading.start, p.section.heading.end));
  if (!found) return undefined;
  const { heading, title } = found.section;
  const count = convention.sectionCounts[found.key] ?? 0;
  const index = convention.sections.findIndex((s) => s.key === found.key);
  const needed = requiredCount(convention.documents, convention.settings.threshold);
  const usual = convention.sections[index];
  const where =
    index >= 0
      ? `Part of the group's convention: usually section ${index + 1} of ${convention.sections.length}, as "${'#'.repeat(usual.level)} ${usual.title}".`
      : `Not part of the group's convention (${needed} of ${convention.documents} needed).`;
  return { markdown: `**${title}**: in ${support(convention, count)}.\n\n${where}`, start: heading.start, end: heading.end };
}

// ---------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------

function frontmatterKeyHover(model: WorkflowModel, offset: number): Part | undefined {
  const fm = model.frontmatter;
  if (!fm || offset < fm.contentStart || offset > fm.contentEnd) return undefined;
  const entry = fm.entries.find((e) => within(offset, e.keyStart, e.keyEnd));
  if (!entry) return undefined;
  const root = frontmatterSchemaOf(model);
  const schema = root.properties?.[entry.key];
  if (!schema) return undefined;
  return { markdown: schemaMarkdown(entry.key, root, schema), start: entry.keyStart, end: entry.keyEnd };
}

function fileHeaderHover(model: WorkflowModel, offset: number): Part | undefined {
  const field = model.fileHeader?.fields.find((f) => within(offset, f.keyStart, f.keyEnd));
  if (!field) return undefined;
  const root = schemaFor('file-header') as JsonSchema;
  const schema = root.properties?.[field.key.toUpperCase()];
  if (!schema) return undefined;
  return { markdown: schemaMarkdown(field.key, root, schema), start: field.keyStart, end: field.keyEnd };
}

function indexFieldHover(model: WorkflowModel, offset: number): Part | undefined {
  const template = model.template;
  const field = model.indexEntry?.fields.find((f) => within(offset, f.labelStart, f.labelEnd));
  if (!field || !template) return undefined;
  const spec = indexFieldSpec(template, field.label);
  if (!spec) return undefined;
  const lines = [`**${spec.label}**: index field (${spec.required ? 'required' : 'optional'})`];
  const guidance = indexFieldGuidance(template, spec);
  if (guidance) lines.push(guidance);
  if (spec.allowed) lines.push(`Allowed values: ${spec.allowed.join(', ')}`);
  return { markdown: lines.join('\n\n'), start: field.labelStart, end: field.labelEnd };
}

/** A key of a YAML definition: its path in the schema ("steps[].type") and what the schema says about it. */
function yamlKeyHover(model: WorkflowModel, offset: number): Part | undefined {
  const yaml = model.yaml;
  if (!yaml) return undefined;
  let pointer: string | undefined;
  let span: { start: number; end: number } | undefined;
  for (const [p, s] of yaml.keyRanges) {
    if (within(offset, s.start, s.end) && (!span || s.end - s.start <= span.end - span.start)) {
      pointer = p;
      span = s;
    }
  }
  if (pointer === undefined || !span) return undefined;
  const path = pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const root = schemaFor('yaml-definition') as JsonSchema;
  const schema = schemaAtPath(root, path);
  if (!schema?.description) return undefined;
  const label = path.reduce((out, segment) => (/^\d+$/.test(segment) ? `${out}[]` : out ? `${out}.${segment}` : segment), '');
  return { markdown: schemaMarkdown(label, root, schema), start: span.start, end: span.end };
}

// ---------------------------------------------------------------------------------------------
// Step references
// ---------------------------------------------------------------------------------------------

function stepReferenceHover(model: WorkflowModel, offset: number): Part | undefined {
  if (model.kind !== 'yaml') return undefined;
  for (const step of model.steps) {
    if (offset < step.start || offset >= step.end) continue;
    const condition = step.yaml?.conditions.find((c) => within(offset, c.start, c.end));
    if (!condition) continue;
    const target = stepIndex(model.steps).get(condition.target);
    if (target === undefined) return undefined;
    return { markdown: stepSummary(model, model.steps[target]), start: condition.start, end: condition.end };
  }
  return undefined;
}

function stepSummary(model: WorkflowModel, step: Step): string {
  const yaml = step.yaml;
  const name = yaml?.name || step.title;
  const facts = [`step ${step.number ?? '?'}`];
  if (yaml?.id !== undefined && yaml.id !== name) facts.push(`id ${code(yaml.id)}`);
  if (yaml?.type) facts.push(`type ${code(yaml.type)}`);
  facts.push(`line ${lineAt(model.lineStarts, step.start) + 1}`);
  const lines = [`**${name}** (${facts.join(', ')})`];
  const description = step.fields.find((f) => f.key === 'description')?.value;
  if (description) lines.push(description.split('\n')[0]);
  const commands = step.commands.slice(0, 3).map((c) => {
    const first = c.code.split('\n').find((l) => l.trim() !== '') ?? '';
    const more = c.code.trim().includes('\n') ? ' …' : '';
    return first.trim() + more;
  });
  if (commands.length > 0) {
    const more = step.commands.length > 3 ? `\n# … ${step.commands.length - 3} more` : '';
    lines.push('```sh\n' + commands.join('\n') + more + '\n```');
  } else lines.push(step.mode === 'manual' ? 'A manual step (no command).' : 'No command.');
  return lines.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Diagnostics
// ---------------------------------------------------------------------------------------------

/** The first paragraph of a rule's docs, on one line. */
function firstParagraph(docs: string): string {
  const paragraph = docs.trim().split(/\n\s*\n/)[0] ?? '';
  // Each run of blanks that holds a line break becomes one space (`/\s*\n\s*/g` rescanned long runs).
  return paragraph.replace(/\s+/g, (blanks) => (blanks.includes('\n') ? ' ' : blanks)).trim();
}

function diagnosticHovers(offset: number, diagnostics: readonly WorkflowDiagnostic[]): Part[] {
  const parts: Part[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    if (!within(offset, d.start, d.end) || seen.has(d.code)) continue;
    seen.add(d.code);
    const rule = RULES.find((r) => r.id === d.code);
    const lines = [`**${d.code}**${rule ? `: ${rule.description}` : ''}`];
    if (rule) lines.push(firstParagraph(rule.docs));
    lines.push(`[${d.docs}](${d.docs})`);
    parts.push({ markdown: lines.join('\n\n'), start: d.start, end: d.end });
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Shell commands
// ---------------------------------------------------------------------------------------------

/** What the runner will make of the command under the cursor in a shell block: destructive, read-only, approval. */
function shellCommandHover(model: WorkflowModel, options: LintOptions, offset: number): Part | undefined {
  const script = model.shell?.scripts.find((s) => s.block.contentStart <= offset && offset <= s.block.contentEnd);
  if (!script) return undefined;
  let best: { start: number; end: number; index: number } | undefined;
  script.analysis.commands.forEach((c, index) => {
    const start = script.toDocument(c.start);
    const end = script.toDocument(c.end);
    if (start <= offset && offset < end && (!best || end - start < best.end - best.start)) best = { start, end, index };
  });
  if (!best) return undefined;
  const command = script.analysis.commands[best.index];
  const words = command.words.map((w) => w.text).join(' ');
  const lines = [`**Shell command** ${code(words.length > 80 ? `${words.slice(0, 77)}...` : words)}`];
  const match = destructiveMatch(command, destructiveTable(options.destructiveCommands));
  const runs = RUNNABLE_LANGS.has(script.block.lang);
  if (match) {
    lines.push(`**Destructive**: it changes state (\`${match.entry}\` in the destructive-command table).`);
    lines.push(runs ? 'The runner asks for an approval before the step runs it.' : `The runner does not run \`${script.block.lang}\` blocks: a person runs it.`);
  } else if (isReadOnly(command)) {
    lines.push('**Read-only**: it only reads; it needs no approval of its own.');
  } else {
    lines.push('Not in the destructive-command table: the runner runs it without asking, unless a `wfs.run.riskyPatterns` entry matches it.');
  }
  const risk = workflowFacts(model).risk?.toLowerCase();
  if (runs && needsApproval(risk)) lines.push(`The workflow's risk level is ${risk}: its steps need an approval before they run.`);
  const nl = model.text.indexOf('\n', best.start);
  return { markdown: lines.join('\n\n'), start: best.start, end: nl >= 0 && nl < best.end ? nl : best.end };
}
