/**
 * Scaffolding a new workflow from a template, free of VS Code: which templates exist (the built-in ones of
 * schemas/templates/ plus a YAML definition starter), the file name for a workflow name, and the filled text
 * (front matter, title, FILE header, sections without their "(optional)" markers, placeholders turned into
 * TODO markers) with the range the editor should select first.
 */
import { BUILTIN_TEMPLATE_TEXT } from '../../../server/src/service/templates/builtin-data';
import { isRegExpSpace, trimEndIndex } from '../../../server/src/service/textScan';

export interface TemplateSource {
  /** `builtin.<format>` for a built-in template, `workspace:<path>` for a configured one, `convention` for the folder's. */
  id: string;
  label: string;
  detail: string;
  text: string;
  /** What the new file's name ends with. */
  extension: '.md' | '.workflow.yaml';
}

const BUILTIN_LABELS: readonly { format: string; label: string; detail: string }[] = [
  { format: 'frontmatter', label: 'Front-matter workflow', detail: 'YAML front matter, triggers, prerequisites, steps with actor, duration, validation and rollback' },
  { format: 'file-header', label: 'FILE-header workflow', detail: 'A **FILE** | **PURPOSE** | **OWNER** | **LAST-AUDITED** header, steps with actions, verification and rollback' },
  { format: 'catalog', label: 'Catalog workflow', detail: 'Numbered sections with an index entry (category, status, risk, owners)' },
  { format: 'skill-sequence', label: 'Skill-sequence workflows', detail: 'A skill legend and workflows as sequences of skills' },
];

/** A starter YAML workflow definition (the YAML format has no template file to derive rules from). */
export const YAML_STARTER = `# TODO: say what this workflow does and when it runs.
metadata:
  name: "[Workflow Name]"
  description: "TODO: what this workflow does"
  version: "1.0.0"
  created: "[Created]"

steps:
  - name: "prepare"
    type: "action"
    config:
      run: "echo TODO: the first command"
    conditions:
      success: "finish"
      failure: "finish"
    retry:
      max_attempts: 3
      backoff: "exponential"

  - name: "finish"
    type: "action"
    config:
      run: "echo done"
`;

/** The built-in templates, Markdown formats first, then the YAML starter. */
export function builtinTemplates(): TemplateSource[] {
  const out: TemplateSource[] = [];
  for (const { format, label, detail } of BUILTIN_LABELS) {
    const text = (BUILTIN_TEMPLATE_TEXT as Record<string, string | undefined>)[format];
    if (text !== undefined) out.push({ id: `builtin.${format}`, label, detail, text, extension: '.md' });
  }
  out.push({ id: 'builtin.yaml-definition', label: 'YAML workflow definition', detail: 'Steps with conditions and retries (*.workflow.yaml)', text: YAML_STARTER, extension: '.workflow.yaml' });
  return out;
}

/** The `template` key of a `.wfs.json` text (comments and trailing commas allowed); undefined when absent or unreadable. */
export function configuredTemplatePath(configText: string): string | undefined {
  try {
    const data = JSON.parse(stripJsonc(configText)) as unknown;
    const template = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).template : undefined;
    return typeof template === 'string' && template.trim() !== '' ? template.trim() : undefined;
  } catch {
    return undefined;
  }
}

function stripJsonc(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      out += ' ';
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

/** An error message for a workflow name the user typed, or undefined when it is fine. */
export function validateWorkflowName(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Enter a name for the workflow.';
  if (/[\\/]/.test(trimmed)) return 'The name cannot contain / or \\: the file goes into the configured folder.';
  if (!workflowSlug(trimmed)) return 'The name needs at least one letter or digit.';
  return undefined;
}

/** "Deploy the API!" -> "deploy-the-api". */
export function workflowSlug(name: string): string {
  return name
    .trim()
    .replace(/\.(md|markdown|ya?ml)$/i, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    // One dash at each end at most: runs were made one dash above (and `-+$` would rescan a long run).
    .replace(/^-|-$/g, '');
}

/** The new file's name for a workflow name and template. */
export function workflowFileName(name: string, template: Pick<TemplateSource, 'extension'>): string {
  return `${workflowSlug(name)}${template.extension}`;
}

/** The title written into the document: the name as typed, without a file extension. */
export function workflowTitle(name: string): string {
  return name.trim().replace(/\.(md|markdown|ya?ml)$/i, '').trim();
}

export interface ScaffoldInput {
  title: string;
  /** The new file's path relative to its workspace folder, with forward slashes. */
  relativePath: string;
  now: Date;
}

export interface Scaffold {
  text: string;
  /** What the editor selects first (offsets into `text`): the first TODO placeholder, else the first section's body. */
  selection: { start: number; end: number };
}

/** An ISO timestamp to the second, as the templates write them: 2024-01-15T10:00:00Z. */
export function isoSeconds(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function yamlString(value: string): string {
  return JSON.stringify(value);
}

// The value starts after the blanks (`[ \t]*(.*)$` split them every way when a U+2028 made `.*$` fail).
const FRONTMATTER_FIELD = /^([A-Za-z_][\w-]*):[ \t]*((?:[^ \t\n\r\u2028\u2029].*)?)$/;
// `daily|weekly|monthly|on-demand`: a list of allowed values written as the value.
const ALTERNATIVES = /^[\w-]+(\|[\w-]+)+$/;

function fillFrontmatter(lines: string[], input: ScaffoldInput): string[] {
  return lines.map((line) => {
    const m = FRONTMATTER_FIELD.exec(line);
    if (!m) return line;
    const [, key, value] = m;
    switch (key.toLowerCase()) {
      case 'title':
      case 'name':
        return `${key}: ${yamlString(input.title)}`;
      case 'description':
        return `${key}: ${yamlString(input.title)}`;
      case 'created':
      case 'modified':
      case 'updated':
        return `${key}: ${isoSeconds(input.now)}`;
      case 'version':
        return `${key}: 1`;
      default:
        return ALTERNATIVES.test(value.trim()) ? `${key}: ${value.trim().split('|')[0]} # one of: ${value.trim()}` : line;
    }
  });
}

/** Replaces `[Placeholder]` with `[TODO: Placeholder]` outside inline code; links, checkboxes and references stay. */
function markPlaceholders(line: string): string {
  // eslint-disable-next-line regexp/no-super-linear-move -- linear (recheck): a run of two or more backticks always matches.
  const parts = line.split(/(`+[^`]*`+)/);
  return parts
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\[([^\]\[A-Za-z]*[A-Za-z][^\]\[]*)\](?![(\[:])/g, (all, inner: string) => (/^TODO\b/.test(inner) ? all : `[TODO: ${inner}]`))))
    .join('');
}

/**
 * A heading without its `(optional)` mark: `line.replace(/\s*\(optional\)(\s*#*\s*)$/i, '$1')`, with the blanks
 * before the mark trimmed apart (the expression rescanned them from each one).
 */
function withoutOptionalMark(line: string): string {
  const m = /\(optional\)(\s*(?:#+\s*)?)$/i.exec(line);
  return m ? line.slice(0, trimEndIndex(line.slice(0, m.index))) + m[1] : line;
}

/**
 * The FILE header's value replaced by `path`, up to the blanks before the next `|`: what
 * `/(\*\*FILE\*\*:\s*)([^|]*?)(\s*\|)/` did, without trying every split of the blanks.
 */
function withFileHeaderPath(line: string, path: string): string {
  const label = line.indexOf('**FILE**:');
  if (label === -1) return line;
  let value = label + '**FILE**:'.length;
  while (value < line.length && isRegExpSpace(line.charCodeAt(value))) value++;
  const bar = line.indexOf('|', value);
  if (bar === -1) return line;
  return line.slice(0, value) + path + line.slice(Math.max(value, trimEndIndex(line.slice(0, bar))));
}

/** Fills a Markdown template (or the YAML starter) for a new workflow. */
export function fillTemplate(template: string, input: ScaffoldInput): Scaffold {
  const lines = template.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  const out: string[] = [];
  if (lines[0] === '---') {
    const close = lines.indexOf('---', 1);
    if (close > 0) {
      out.push('---', ...fillFrontmatter(lines.slice(1, close), input), '---');
      i = close + 1;
    }
  }
  const yaml = /\.ya?ml$/i.test(input.relativePath);
  const date = isoSeconds(input.now).slice(0, 10);
  let fence: string | undefined;
  let titled = false;
  for (; i < lines.length; i++) {
    let line = lines[i];
    if (yaml) {
      out.push(line.replace('[Workflow Name]', input.title.replace(/["\\]/g, '\\$&')).replace('[Created]', isoSeconds(input.now)));
      continue;
    }
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length && line.trim() === fenceMatch[1]) fence = undefined;
      out.push(line);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      out.push(line);
      continue;
    }
    if (!titled && /^#\s/.test(line)) {
      titled = true;
      out.push(`# ${input.title}`);
      continue;
    }
    if (/^#{2,6}\s/.test(line)) line = withoutOptionalMark(line);
    line = withFileHeaderPath(line, input.relativePath)
      .replace(/(\*\*LAST-AUDITED\*\*:\s*)\[Date\]/, `$1${date}`)
      .replace(/<WORKFLOW_NAME>/g, workflowSlug(input.title));
    out.push(markPlaceholders(line));
  }
  const text = out.join('\n');
  return { text, selection: firstSelection(text, yaml) };
}

function firstSelection(text: string, yaml: boolean): Scaffold['selection'] {
  // The first `[TODO: …]` (`/\[TODO: [^\]]*\]/` searched on from every `[TODO: ` without a `]` after it).
  const placeholder = text.indexOf('[TODO: ');
  const close = placeholder === -1 ? -1 : text.indexOf(']', placeholder + 7);
  if (close !== -1) return { start: placeholder, end: close + 1 };
  if (yaml) {
    const todo = /TODO[^"\n]*/.exec(text);
    if (todo) return { start: todo.index, end: todo.index + todo[0].length };
  }
  // No placeholder: the first body line of the first section.
  const section = /^##\s.*\n+/m.exec(text);
  const at = section ? section.index + section[0].length : text.length;
  const end = text.indexOf('\n', at);
  return { start: at, end: end < 0 ? text.length : end };
}
