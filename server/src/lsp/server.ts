/**
 * The Workflow Studio language server. Runs over IPC in VS Code and over stdio (`--stdio`) in other editors.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createWorkflowService } from '../service';
import { workflowKind } from '../service/parse/kind';
import { toLspDiagnostic } from './diagnostics';
import { SettingsCache } from './settings';
import { WorkspaceConfigs } from './workspaceConfig';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = createWorkflowService({ logger: { log: (m) => connection.console.log(m) } });
let canPullSettings = false;
let docsBase: string | undefined;
const configs = new WorkspaceConfigs((m) => connection.console.log(m));
const settings = new SettingsCache(connection, () => canPullSettings, configs);

connection.onInitialize((params) => {
  canPullSettings = !!params.capabilities.workspace?.configuration;
  const init = params.initializationOptions as { docsBase?: string } | undefined;
  docsBase = init?.docsBase;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  configs.setFolders(folders);
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: 'Workflow Studio', version: '0.1.0' },
  };
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  for (const doc of documents.all()) void validate(doc);
});

async function validate(doc: TextDocument): Promise<void> {
  if (!workflowKind(doc.uri, doc.getText())) return;
  const version = doc.version;
  const options = await settings.get(doc.uri);
  // A newer version arrived while settings were pulled: its own validation reports.
  if (documents.get(doc.uri)?.version !== version) return;
  const diagnostics = service.getDiagnostics(doc, options);
  const model = service.parse(doc, options);
  void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: diagnostics.map((d) => toLspDiagnostic(d, model, docsBase)) });
}

documents.onDidChangeContent((e) => void validate(e.document));
documents.onDidClose((e) => {
  settings.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

documents.listen(connection);
connection.listen();
