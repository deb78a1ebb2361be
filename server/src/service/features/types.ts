/**
 * Results of the editing features, in offsets (the LSP layer converts them). Pure data, no LSP types.
 */

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A diagnostic as the client sends it back for code actions: its code, range (offsets) and data. */
export interface DiagnosticRef {
  code: string;
  message: string;
  start: number;
  end: number;
  data?: Record<string, unknown>;
}

export interface CodeActionItem {
  title: string;
  kind: 'quickfix' | 'source.fixAll.wfs';
  edits: TextEdit[];
  /** Indexes into the diagnostics passed in that this action fixes. */
  fixes: number[];
  /** A range the editor selects when the action is chosen (offsets). */
  select?: { start: number; end: number };
  isPreferred?: boolean;
}

export type CompletionKind = 'property' | 'value' | 'section' | 'step' | 'skill' | 'workflow' | 'field';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** insertText is an LSP snippet. */
  isSnippet?: boolean;
  /** The text the completion replaces. */
  replaceStart: number;
  replaceEnd: number;
  sortText?: string;
}

export interface HoverResult {
  /** Markdown. */
  markdown: string;
  start: number;
  end: number;
}

export type SymbolKind = 'workflow' | 'section' | 'step' | 'field';

export interface SymbolNode {
  name: string;
  detail?: string;
  kind: SymbolKind;
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  children: SymbolNode[];
}

export interface FoldingRangeItem {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region' | 'imports';
}

export interface LinkItem {
  start: number;
  end: number;
  /** A URI. */
  target: string;
  tooltip?: string;
}

/** A place in some document: offsets into that document's text. */
export interface LocationItem {
  uri: string;
  start: number;
  end: number;
}

export interface WorkspaceSymbolItem {
  uri: string;
  name: string;
  kind: SymbolKind;
  containerName?: string;
  start: number;
  end: number;
}

export type RenameResult = { edits: { uri: string; edits: TextEdit[] }[] } | { error: string };
