/**
 * Custom requests between the Workflow Studio client and server. Both sides import this file, so the shapes
 * cannot drift apart. Ranges are LSP ranges (0-based lines, UTF-16 characters).
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Range } from 'vscode-languageserver-protocol';
import type { GraphEdge, GraphNode, WorkflowGraph } from './service/graph/model';
import type { GraphLayout } from './service/graph/layout';

export type { Range };

export type WorkflowFormat = 'frontmatter' | 'file-header' | 'catalog' | 'skill-sequence' | 'yaml-definition' | 'agent' | 'reference' | 'plain';

export interface CommandInfo {
  /** The block's language ('bash', 'sh', ...), '' when none. */
  lang: string;
  /** The code to run, without fences or container indentation. */
  code: string;
  /** The whole block (fences included), or the inline code span. */
  range: Range;
  /** The code itself. */
  contentRange: Range;
  inline: boolean;
  /** Whether the runner executes it here (bash and its kin, with some code). */
  runnable: boolean;
  /**
   * The commands in it that change state, by the destructive-command table read with the bash grammar (server
   * side): the runner asks for an approval before it runs them. Absent when none does.
   */
  destructive?: DestructiveCommandInfo[];
}

/** A command of a block that the destructive-command table matches. */
export interface DestructiveCommandInfo {
  /** The command's words as bash passes them (`kubectl delete ns prod`). */
  command: string;
  /** The table entry it matches (`kubectl delete`). */
  entry: string;
}

/** Where a route leads: the step's name as written, and its index; null for the end of the run (or no such step). */
export interface RouteInfo {
  to: string;
  index: number | null;
}

export interface StepFieldInfo {
  text: string;
  range: Range;
  commands: CommandInfo[];
}

export interface StepInfo {
  index: number;
  number?: number;
  numberText?: string;
  title: string;
  range: Range;
  titleRange: Range;
  source: 'heading' | 'list' | 'paragraph' | 'table' | 'yaml' | 'skill';
  /**
   * What the step asks of whoever runs it, resolved by the server (stepKind): commands to run, a person (marked
   * manual, a human actor, or nothing in it runs here), a decision, parallel branches or a loop (run as commands).
   */
  kind: 'command' | 'manual' | 'decision' | 'parallel' | 'loop';
  /** Why the server reads this as a step, in words ("a numbered heading among numbered headings"). */
  reason?: string;
  /** Why the runner refuses the step (a block it cannot run here, such as PowerShell); never skipped as passed. */
  refusal?: string;
  /** Why running it needs an explicit approval (the workflow's risk level). */
  approval?: string;
  /** Where the run goes on when it passes and when it fails. */
  routes?: { success?: RouteInfo; failure?: RouteInfo };
  /** A decision's branches. */
  branches?: RouteInfo[];
  /** The placeholders its runnable blocks ask for, in order. */
  placeholders: string[];
  mode?: 'automated' | 'manual';
  actor?: string;
  duration?: string;
  /** How long one attempt of the step may take (`timeout` in YAML, a `**Timeout**:` line), in seconds. */
  timeoutSeconds?: number;
  commands: CommandInfo[];
  validation?: StepFieldInfo;
  rollback?: StepFieldInfo;
  yaml?: {
    name: string;
    id?: string;
    type?: string;
    conditions: { kind: string; target: string; range: Range }[];
    retry?: { maxAttempts?: number; backoff?: string; delaySeconds?: number; range: Range };
    fallback?: string;
  };
  skill?: { id: string; range: Range };
}

export interface StepsParams {
  textDocument: { uri: string };
}

export interface StepsResult {
  uri: string;
  /** The document version the steps were computed from (undefined for a closed document read from disk). */
  version?: number;
  format: WorkflowFormat;
  title?: string;
  /** The workflow's risk level (index entry or front matter), lower-cased, when it has one. */
  risk?: string;
  /**
   * The working folder the document names for its commands (front matter or YAML `cwd` / `working_directory`),
   * as written: relative paths are relative to the document's workspace folder.
   */
  cwd?: string;
  steps: StepInfo[];
}

export const StepsRequest = new RequestType<StepsParams, StepsResult | null, void>('workflow/steps');

export interface CatalogEntry {
  uri: string;
  title: string;
  format: WorkflowFormat;
  category?: string;
  status?: string;
  risk?: string;
  owner?: string;
  stepCount: number;
  todoCount: number;
  problems: { errors: number; warnings: number; infos: number };
}

export interface CatalogParams {
  /** Only these folders (URIs); all workspace folders when absent. */
  folders?: string[];
}

export interface CatalogResult {
  entries: CatalogEntry[];
}

export const CatalogRequest = new RequestType<CatalogParams, CatalogResult, void>('workflow/catalog');

export interface TodoInfo {
  /** 'TODO', 'TBD', 'FIXME' or 'XXX'. */
  kind: string;
  /** The marker and the rest of its line, trimmed. */
  text: string;
  range: Range;
}

export interface TodosParams {
  /** Only this document; every indexed workflow of the workspace when absent. */
  textDocument?: { uri: string };
}

export interface TodosResult {
  /** One entry per document with at least one open TODO marker, in index order. */
  documents: { uri: string; title: string; todos: TodoInfo[] }[];
}

export const TodosRequest = new RequestType<TodosParams, TodosResult, void>('workflow/todos');

export interface ExportParams {
  textDocument: { uri: string };
  /** The export target's id: 'github-actions'. */
  target: string;
  /** The document's path relative to its workspace folder, forward slashes (named in the file's header). */
  source: string;
}

/**
 * The generated file (its path relative to the workspace folder and its text) and what is there now: nothing, the
 * same text, an older export nobody edited, a file edited by hand, a file not written by the export, or one that
 * cannot be read. Or why the workflow cannot be exported.
 */
export type ExportResult =
  | { path: string; text: string; onDisk: 'missing' | 'current' | 'generated' | 'edited' | 'foreign' | 'unreadable' }
  | { refusal: string };

export const ExportRequest = new RequestType<ExportParams, ExportResult | null, void>('workflow/export');

/** A graph node with its offsets made ranges: `range` its text (a step's title), `extent` a step's whole step. */
export type GraphNodeInfo = Omit<GraphNode, 'start' | 'end' | 'extentStart' | 'extentEnd'> & { range?: Range; extent?: Range };

/** A graph edge; `range` is the condition that makes it. */
export type GraphEdgeInfo = Omit<GraphEdge, 'start' | 'end'> & { range?: Range };

export interface GraphParams {
  textDocument: { uri: string };
  /** Also return the graph as this text: a Mermaid flowchart or a standalone SVG (what `wfs graph` writes). */
  format?: 'mermaid' | 'svg';
}

/**
 * The document's graph, built by the server from the steps it resolves for the runner (nodes, labelled edges, the
 * graph rules' findings), and its layout: the client draws it and derives nothing.
 */
export interface GraphResult {
  uri: string;
  /** The document version the graph was built from (undefined for a closed document read from disk). */
  version?: number;
  title?: string;
  shape: WorkflowGraph['shape'];
  nodes: GraphNodeInfo[];
  edges: GraphEdgeInfo[];
  layout: GraphLayout;
  text?: string;
}

export const GraphRequest = new RequestType<GraphParams, GraphResult | null, void>('workflow/graph');

export interface ConventionParams {
  textDocument: { uri: string };
}

/** The convention of a document's group, as the server learned it (the client never derives one itself). */
export interface ConventionInfo {
  /** "runbooks/" for a folder, the glob for a configured group. */
  group: string;
  noun: string;
  documents: number;
  threshold: number;
  /** The usual sections in their usual order: the heading text and level most documents use. */
  sections: { title: string; level: number; count: number }[];
  fields: { label: string; where: 'frontmatter' | 'header'; count: number }[];
  steps?: { documents: number; validation?: number; rollback?: number };
}

export interface ConventionResult {
  /** null when the document's group has none (fewer documents than needed, a template, not indexed). */
  convention: ConventionInfo | null;
  /**
   * The convention written as a template file (the server writes it; the client only saves it): its text, the
   * suggested path (relative to the workspace folder) and the `templates` glob of `.wfs.json` that names the group.
   */
  template: { text: string; path: string; glob: string } | null;
  /** How many files the workspace index has read from disk so far (for diagnosis). */
  diskReads: number;
}

/** `workflow/convention`: the convention of the group of the document at `uri` (open, closed, or a new file's). */
export const ConventionRequest = new RequestType<ConventionParams, ConventionResult, void>('workflow/convention');

/**
 * The editor's workspace trust, for what the server would run as a process (shellcheck): `initializationOptions`
 * carries `workspaceTrusted` at start, and this notification says when the user grants trust later. A client that
 * sends neither (an editor without workspace trust) is trusted.
 */
export interface WorkspaceTrustParams {
  trusted: boolean;
}

export const WorkspaceTrustNotification = new NotificationType<WorkspaceTrustParams>('workflow/workspaceTrust');
