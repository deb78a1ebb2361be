/**
 * The Workflow Studio language server. Runs over IPC in VS Code and over stdio (`--stdio`) in other editors.
 * Each LSP feature lives in its own register<Feature>.ts; this file creates the shared context and merges
 * their capabilities.
 */
import { TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import type { InitializeParams, ServerCapabilities } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createWorkflowService } from '../service';
import { loadBashParser, loadedBashParser } from '../shell/bashParser';
import { workflowKind } from '../service/parse/kind';
import type { FeatureRegistration, ServerContext } from './context';
import { SettingsCache } from './settings';
import { WorkspaceConfigs } from './workspaceConfig';
import { WorkspaceIndex } from './workspaceIndex';
import { registerDiagnostics } from './registerDiagnostics';
import { registerCodeActions } from './registerCodeActions';
import { registerCompletion } from './registerCompletion';
import { registerHover } from './registerHover';
import { registerSymbols } from './registerSymbols';
import { registerFolding } from './registerFolding';
import { registerLinks } from './registerLinks';
import { registerNavigation } from './registerNavigation';
import { registerCustomRequests } from './registerCustomRequests';
import { registerTodos } from './registerTodos';
import { createServerConnection } from './transport';
import { WorkspaceTrustNotification } from '../protocol';

const FEATURES: readonly FeatureRegistration[] = [
  registerDiagnostics,
  registerCodeActions,
  registerCompletion,
  registerHover,
  registerSymbols,
  registerFolding,
  registerLinks,
  registerNavigation,
  registerCustomRequests,
  registerTodos,
];

const connection = createServerConnection();
const documents = new TextDocuments(TextDocument);
const log = (m: string): void => connection.console.log(m);
const service = createWorkflowService({ logger: { log }, shellParser: loadedBashParser });
const configs = new WorkspaceConfigs(log);
let params: InitializeParams | undefined;
const settings = new SettingsCache(connection, () => !!params?.capabilities.workspace?.configuration, configs);
const workspace = new WorkspaceIndex(service, documents, settings, log);
const initializedCallbacks: (() => void)[] = [];
/** Whether the editor trusts the workspace (see WorkspaceTrustNotification). */
let trusted = true;
const settingsCallbacks: (() => void)[] = [];

const ctx: ServerContext = {
  connection,
  documents,
  service,
  settings,
  lintOptions: async (uri) => {
    const options = workspace.withConvention(await settings.get(uri), uri);
    // shellcheck is a process: it does not run for a workspace the user has not trusted, whatever its config says.
    return trusted || !options.shellcheck ? options : { ...options, shellcheck: false };
  },
  workspace,
  docsBase: () => (params?.initializationOptions as { docsBase?: string } | undefined)?.docsBase,
  isWorkflow: (doc) => workflowKind(doc.uri, doc.getText()) !== undefined,
  initializeParams: () => params,
  onInitialized: (callback) => initializedCallbacks.push(callback),
  onSettingsChanged: (callback) => settingsCallbacks.push(callback),
};

const capabilities: ServerCapabilities[] = FEATURES.map((register) => register(ctx));

connection.onInitialize(async (p) => {
  params = p;
  trusted = (p.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
  // The bash grammar is loaded before the first document is checked: clients send no document before this answer.
  await loadBashParser().catch((e: unknown) => log(`wfs: the bash parser could not be loaded (${e instanceof Error ? e.message : String(e)}); shell blocks are not checked.`));
  const folders = p.workspaceFolders?.map((f) => f.uri) ?? (p.rootUri ? [p.rootUri] : []);
  configs.setFolders(folders);
  workspace.setFolders(folders);
  return {
    capabilities: Object.assign({ textDocumentSync: TextDocumentSyncKind.Incremental }, ...capabilities),
    serverInfo: { name: 'Workflow Studio', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  for (const callback of initializedCallbacks) callback();
});

function settingsChanged(): void {
  settings.clear();
  for (const callback of settingsCallbacks) callback();
}

connection.onDidChangeConfiguration(settingsChanged);

connection.onNotification(WorkspaceTrustNotification, (p) => {
  if (typeof p?.trusted !== 'boolean' || p.trusted === trusted) return;
  trusted = p.trusted;
  // What depends on trust is in the lint options: check the open documents again, as after a settings change.
  settingsChanged();
});

documents.onDidClose((e) => {
  settings.forget(e.document.uri);
  service.forget(e.document.uri);
});

documents.listen(connection);
connection.listen();
