/**
 * The workflow model: what one parse of a document produces.
 *
 * Every position is an offset (UTF-16 code units) into the full document text, CRLF kept as is.
 * Conversion to line/character happens once, at the LSP or CLI boundary (see `text.ts`).
 */

/** The document formats the service understands. */
export type FormatId =
  | 'frontmatter' // seed 000: YAML front matter + Overview/Triggers/Prerequisites/Steps...
  | 'file-header' // seed 001: **FILE** | **PURPOSE** | **OWNER** | **LAST-AUDITED** header
  | 'catalog' // seed 002: numbered sections with "0. Index Entry (for catalog)"
  | 'skill-sequence' // seed 004: workflows as sequences of skill ids with exit criteria
  | 'yaml-definition' // seed 003: YAML metadata + steps
  | 'agent' // instructions for an AI agent (.windsurf/workflows, .claude/commands, *.prompt.md...)
  | 'reference' // not a workflow: a README, index or reference page that sits next to workflows
  | 'plain'; // any runbook: sections + code blocks, no template

export const FORMAT_IDS: readonly FormatId[] = ['frontmatter', 'file-header', 'catalog', 'skill-sequence', 'yaml-definition', 'agent', 'reference', 'plain'];

export interface Span {
  start: number;
  end: number;
}

/** The minimal document shape the service needs (a subset of LSP's TextDocument). */
export interface WorkflowDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

// ---------------------------------------------------------------------------------------------
// Markdown blocks, as found by the block scanner (parse/markdown.ts).
// Line numbers are 0-based. `endLine` is exclusive (the line after the block), like markdown-it's `map`.
// ---------------------------------------------------------------------------------------------

export interface MdHeading {
  level: number;
  /** First line of the heading (for setext headings, the first paragraph line). */
  line: number;
  /** Exclusive end line (setext: the line after the underline). */
  endLine: number;
  start: number;
  end: number;
  /** The heading's inline content, trimmed, closing `#`s removed (raw Markdown, not rendered). */
  text: string;
  textStart: number;
  textEnd: number;
  setext: boolean;
}

export interface MdCodeBlock {
  /** true for fenced blocks (``` or ~~~), false for indented code blocks. */
  fenced: boolean;
  /** The fence marker as written (e.g. "```", "~~~~"); empty for indented blocks. */
  marker: string;
  /** The info string, trimmed; empty when none. */
  info: string;
  /** The first word of the info string, lower-cased; empty when none. */
  lang: string;
  line: number;
  endLine: number;
  start: number;
  end: number;
  /** The content lines' span (offset of the first content line to the end of the last content line). */
  contentStart: number;
  contentEnd: number;
  /** false for a fence that is never closed (it then runs to the end of its container). */
  closed: boolean;
}

export interface MdListItem {
  line: number;
  endLine: number;
  /** Offset of the list marker. */
  start: number;
  ordered: boolean;
  /** '-', '*', '+' for bullets; '.' or ')' for ordered lists. */
  marker: string;
  /** The number of an ordered item, as written. */
  number?: number;
  /** Offset where the item's first-line content starts (after the marker and any task box). */
  contentStart: number;
  /** Offset of the end of the item's first line (without the line ending). */
  firstLineEnd: number;
  /** Task list state: ' ' open, 'x' done; undefined when the item is not a task. */
  task?: ' ' | 'x';
  /** Nesting depth: 0 for a top-level list item. */
  depth: number;
}

export interface MdTableRow {
  line: number;
  cells: Span[];
}

export interface MdTable {
  line: number;
  endLine: number;
  start: number;
  end: number;
  header: MdTableRow;
  rows: MdTableRow[];
}

export interface MdHtmlBlock {
  line: number;
  endLine: number;
  start: number;
  end: number;
}

/** Per-line flags computed by the scanner (bits of `MdBlocks.lineFlags`). */
export const enum LineFlag {
  Blank = 1,
  /** Code block content or fence line. */
  Code = 2,
  Html = 4,
  Heading = 8,
  ListItemStart = 16,
  Table = 32,
  ThematicBreak = 64,
  Quote = 128,
}

export interface MdBlocks {
  headings: MdHeading[];
  codeBlocks: MdCodeBlock[];
  listItems: MdListItem[];
  tables: MdTable[];
  htmlBlocks: MdHtmlBlock[];
  /** One entry per line of the document; lines before `fromLine` are 0. */
  lineFlags: Uint8Array;
}

// ---------------------------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------------------------

export interface FrontmatterEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** The value's span; empty (valueStart === valueEnd) for a key with no value. */
  valueStart: number;
  valueEnd: number;
  value: unknown;
}

export interface FrontmatterError {
  message: string;
  start: number;
  end: number;
}

export interface Frontmatter {
  /** Whole block, delimiters included. */
  start: number;
  end: number;
  /** The YAML/JSON text between the delimiters. */
  contentStart: number;
  contentEnd: number;
  /** 'yaml' for `---`, 'json' for `---json` or `;;;`/`{`, otherwise the language after `---` (e.g. 'js'). */
  language: string;
  /** false when the closing delimiter is missing. */
  closed: boolean;
  /** Parsed data (never evaluated as code); undefined when it could not be parsed. */
  data: Record<string, unknown> | undefined;
  /** Top-level keys with exact ranges. */
  entries: FrontmatterEntry[];
  errors: FrontmatterError[];
  /** The YAML parser's warnings (an unknown tag, an unsupported directive): the data is still read. */
  warnings?: FrontmatterError[];
  /** Number of lines the block covers (the body starts at this line). */
  endLine: number;
}

// ---------------------------------------------------------------------------------------------
// Workflow structure
// ---------------------------------------------------------------------------------------------

export interface Section {
  heading: MdHeading;
  level: number;
  /** Heading text with numbering, emphasis and trailing colons stripped, e.g. "Index Entry (for catalog)". */
  title: string;
  /** Normalized title for matching: lower case, punctuation folded. */
  key: string;
  /** Leading number as written ("0", "2.1"), if any. */
  number?: string;
  start: number;
  /** Offset right after the heading (its line ending included). */
  bodyStart: number;
  /** End of the section's own content (before its first sub-section). */
  ownEnd: number;
  /** End of the section including sub-sections. */
  end: number;
  parent: number;
  children: number[];
  /** The section's own content is guidance, placeholders, empty lists or nothing. */
  ownBlank: boolean;
  /** ownBlank and every sub-section is blank. */
  blank: boolean;
  /** A "Not applicable for this workflow" line, when present. */
  notApplicable?: { start: number; end: number; hasReason: boolean };
}

export interface Command {
  /** The block's language ('bash', 'sh', ...), or '' when none. */
  lang: string;
  /** The code itself (content lines, without fences). */
  code: string;
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  /** true for an inline `code` command (e.g. "Run: `npm test`"). */
  inline: boolean;
}

/** A labelled part of a step or document: `**Validation**: text`, `**Actor**: Human`, ... */
export interface Field {
  /** The label as written, without emphasis or colon. */
  label: string;
  /** Normalized label (lower case). */
  key: string;
  labelStart: number;
  labelEnd: number;
  /** The value: inline text after the colon, plus following indented/list lines that belong to it. */
  value: string;
  valueStart: number;
  valueEnd: number;
  /** Code blocks that belong to the field (e.g. a Validation command). */
  commands: Command[];
}

export type StepMode = 'automated' | 'manual';

export interface YamlCondition {
  /** 'success', 'failure', 'on_success', 'dependsOn', ... */
  kind: string;
  target: string;
  start: number;
  end: number;
}

export interface RetryPolicy {
  maxAttempts?: number;
  backoff?: string;
  delaySeconds?: number;
  start: number;
  end: number;
}

export interface YamlStepInfo {
  name: string;
  id?: string;
  type?: string;
  conditions: YamlCondition[];
  retry?: RetryPolicy;
  fallback?: string;
  /** How long one attempt may take (`timeout`: seconds, or "30s", "5m"). */
  timeoutSeconds?: number;
  /** Range of the step's name (or id) value. */
  nameStart: number;
  nameEnd: number;
}

export interface Step {
  /** Number as written, when the step is numbered. */
  number?: number;
  numberText?: string;
  title: string;
  titleStart: number;
  titleEnd: number;
  start: number;
  end: number;
  /** Where the step is written: a heading, a list item, a bold or lead-in paragraph, a table row, a YAML item, a skill. */
  source: 'heading' | 'list' | 'paragraph' | 'table' | 'yaml' | 'skill';
  mode?: StepMode;
  actor?: string;
  duration?: string;
  commands: Command[];
  validation?: Field;
  rollback?: Field;
  /** Other labelled fields of the step (Purpose, Actions, ...). */
  fields: Field[];
  /** The step has content besides its title (prose, lists, actions or commands). */
  hasAction: boolean;
  /** Why the model reads this as a step ("a numbered heading among numbered headings"), for `wfs steps`. */
  reason?: string;
  yaml?: YamlStepInfo;
  skill?: { id: string; start: number; end: number };
  /** Index of the skill workflow this step belongs to (skill-sequence format). */
  group?: number;
}

export interface TodoMarker {
  /** 'TODO', 'TBD', 'FIXME' or 'XXX'. */
  kind: string;
  /** The marker and the rest of its line, trimmed. */
  text: string;
  start: number;
  end: number;
}

/** An unfilled placeholder: `<SERVICE_NAME>`, `[Title]`, `{N}`, `YYYY-MM-DD`, `your-server`... (parse/placeholders.ts). */
export interface PlaceholderMark {
  text: string;
  start: number;
  end: number;
  /** Inside a code block or the front matter. */
  inCode: boolean;
}

export interface IndexField {
  label: string;
  key: string;
  labelStart: number;
  labelEnd: number;
  /** The filled value (guidance, quotes and placeholders removed); '' when blank. */
  value: string;
  valueStart: number;
  valueEnd: number;
  /** Offset of the end of the field's whole item (for inserting text after it). */
  end: number;
}

export interface IndexEntry {
  section: number;
  fields: IndexField[];
}

export interface FileHeaderField {
  key: string;
  value: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

export interface FileHeader {
  /** First line of the header (it may run over several lines, one field each). */
  line: number;
  start: number;
  end: number;
  fields: FileHeaderField[];
  /** 'file': the FILE-header convention (seed 001, a FILE field); 'metadata': Owner, Status, Last updated... lines. */
  kind: 'file' | 'metadata';
}

export interface SkillWorkflow {
  title: string;
  section: number;
  sequenceStart: number;
  steps: number[];
  exitCriteria?: Field;
}

export interface YamlDefinition {
  data: unknown;
  /** Parse errors and warnings from the YAML parser. */
  errors: FrontmatterError[];
  /** Range of the `steps` key, when present. */
  stepsKey?: Span;
  /** Global retry policy (error_handling.retry_strategy). */
  retry?: RetryPolicy;
  /** Ranges of paths in the document, for schema errors: JSON pointer -> value span. */
  pathRanges: Map<string, Span>;
  /** Key spans for paths (JSON pointer -> key span), for "missing property" errors. */
  keyRanges: Map<string, Span>;
}

/** An inline suppression from `<!-- wfs-disable rule -->`, `wfs-disable-next-line` or `# wfs-disable` in YAML. */
export interface Suppression {
  /** Rule ids; empty means every rule. */
  rules: string[];
  /** Offsets the suppression covers. */
  start: number;
  end: number;
}

export interface WorkflowModel {
  uri: string;
  /** The template in force (a team's template or the built-in one for the format), if any. */
  template?: import('./templates/types').TemplateDescriptor;
  version: number;
  text: string;
  /** Offsets of each line's first character. */
  lineStarts: number[];
  kind: 'markdown' | 'yaml';
  format: FormatId;
  formatSource: 'override' | 'frontmatter' | 'detected';
  title?: { text: string; start: number; end: number };
  frontmatter?: Frontmatter;
  md?: MdBlocks;
  sections: Section[];
  steps: Step[];
  todos: TodoMarker[];
  /** Unfilled placeholders, in document order (Markdown documents only). */
  placeholders: PlaceholderMark[];
  fileHeader?: FileHeader;
  indexEntry?: IndexEntry;
  skillWorkflows: SkillWorkflow[];
  yaml?: YamlDefinition;
  suppressions: Suppression[];
  /** The shell blocks, parsed (absent when the service was given no shell parser, or it is not loaded yet). */
  shell?: import('./shell/scripts').ShellModel;
}
