/**
 * What every feature registration gets: the connection, the open documents, the service, settings and the
 * workspace index. One `register<Feature>.ts` per LSP feature wires a handler to the pure service.
 */
import type { Connection, InitializeParams, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintOptions, WorkflowService } from '../service';
import type { WorkspaceView } from '../service/workspace';
import type { SettingsCache } from './settings';

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly service: WorkflowService;
  readonly settings: SettingsCache;
  /**
   * The options an open document is checked with: its settings (see SettingsCache.get) and its group's convention
   * from the workspace index. Diagnostics, code actions and hover use the same, so a fix finds its diagnostic.
   */
  lintOptions(uri: string): Promise<LintOptions>;
  /** The workspace index (every workflow file, open or not). */
  readonly workspace: WorkspaceView;
  /** Where docs/rules lives, as a URI (code descriptions link there); undefined when unknown. */
  docsBase(): string | undefined;
  /** Whether the document is a workflow document the server handles. */
  isWorkflow(doc: TextDocument): boolean;
  /** The initialize request's parameters (undefined before it arrives). */
  initializeParams(): InitializeParams | undefined;
  /** Run `callback` once the client has sent `initialized` (one handler per feature; the server fans out). */
  onInitialized(callback: () => void): void;
  /** Run `callback` when settings change (the server has already cleared the settings cache). */
  onSettingsChanged(callback: () => void): void;
}

/** A feature registration: installs its handlers and returns the capabilities it provides. */
export type FeatureRegistration = (ctx: ServerContext) => ServerCapabilities;
