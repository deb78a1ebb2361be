/**
 * Diagnostics, in the model the client supports:
 * - pull (`textDocument/diagnostic`, `workspace/diagnostic`) when the client has `textDocument.diagnostic`
 *   (VS Code): the client asks for open documents itself, and workspace diagnostics bring the problems of
 *   closed workflow files from the workspace index into the Problems panel;
 * - push (`textDocument/publishDiagnostics`) otherwise (Neovim 0.7, most other clients), for open documents.
 * Never both for the same document, or the Problems panel would list every problem twice.
 */
import type { CancellationToken, Diagnostic, DocumentDiagnosticReport, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import { DiagnosticRefreshRequest, DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureRegistration } from './context';
import { toLspDiagnostic } from './diagnostics';
import { WorkspaceIndex } from './workspaceIndex';
import { ExportedWorkflows } from './exportedWorkflows';
import { withShellcheck } from '../shell/shellcheck';

export const registerDiagnostics: FeatureRegistration = (ctx) => {
  const { connection, documents, service } = ctx;
  const index = ctx.workspace instanceof WorkspaceIndex ? ctx.workspace : undefined;
  const usePull = (): boolean => !!ctx.initializeParams()?.capabilities.textDocument?.diagnostic;
  const canRefresh = (): boolean => !!ctx.initializeParams()?.capabilities.workspace?.diagnostics?.refreshSupport;
  /** Documents with a validation scheduled. */
  const scheduled = new Set<string>();
  /** The newest version published per document: an older result is never sent after it. */
  const published = new Map<string, number>();
  const exported = new ExportedWorkflows();

  async function diagnosticsOf(doc: TextDocument, token?: CancellationToken): Promise<{ version: number; items: Diagnostic[] } | undefined> {
    if (!ctx.isWorkflow(doc)) return { version: doc.version, items: [] };
    const version = doc.version;
    const options = await ctx.lintOptions(doc.uri);
    // A newer version arrived while settings were pulled: this result would be stale.
    if (documents.get(doc.uri)?.version !== version || token?.isCancellationRequested) return undefined;
    const model = service.parse(doc, options);
    const diagnostics = service.getDiagnostics(doc, withShellcheck(exported.withExported(options, doc.uri, index?.folders ?? []), model), token);
    return { version, items: diagnostics.map((d) => toLspDiagnostic(d, model, ctx.docsBase())) };
  }

  async function publish(doc: TextDocument): Promise<void> {
    const result = await diagnosticsOf(doc);
    if (!result) return;
    // Dropped when the document changed or closed meanwhile, or a newer version was already published.
    if (documents.get(doc.uri)?.version !== result.version || (published.get(doc.uri) ?? -Infinity) > result.version) return;
    published.set(doc.uri, result.version);
    void connection.sendDiagnostics({ uri: doc.uri, version: result.version, diagnostics: result.items });
  }

  /**
   * No timer debounce: a full check of a 10k-line document takes about 10 ms (see `npm run bench`), less than
   * the time between two keystrokes, and a fixed delay would be added to every keystroke's latency (the 200 ms
   * of some YAML servers). Instead, changes that queue up while the server is busy are coalesced: the
   * connection handles one queued message per event-loop turn, so the check waits one more turn for as long
   * as the document's version keeps moving, then checks only the newest version.
   */
  function schedule(uri: string): void {
    if (usePull() || scheduled.has(uri)) return;
    scheduled.add(uri);
    let seen = documents.get(uri)?.version;
    const hop = (): void => {
      const doc = documents.get(uri);
      if (!doc) {
        scheduled.delete(uri);
        return;
      }
      if (doc.version !== seen) {
        seen = doc.version;
        setImmediate(hop);
        return;
      }
      scheduled.delete(uri);
      void publish(doc).catch((e: unknown) => connection.console.error(`wfs: diagnostics of ${uri} failed: ${(e as Error).stack ?? String(e)}`));
    };
    setImmediate(hop);
  }

  function refreshAll(): void {
    if (usePull()) {
      // A failed refresh (the client dropped it) must not become an unhandled rejection, which ends the process.
      if (canRefresh()) connection.sendRequest(DiagnosticRefreshRequest.type).catch((e: unknown) => connection.console.log(`wfs: diagnostic refresh failed: ${(e as Error).message}`));
    } else for (const doc of documents.all()) schedule(doc.uri);
  }

  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    published.delete(e.document.uri);
    if (!usePull()) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  ctx.onSettingsChanged(refreshAll);
  index?.onDidChange(refreshAll);
  // An edit changed its group's convention: the open siblings' findings changed with it.
  index?.onConventionChange((uris) => {
    if (usePull()) refreshAll();
    else for (const uri of uris) if (documents.get(uri)) schedule(uri);
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const doc = documents.get(params.textDocument.uri);
    if (doc) {
      const result = await diagnosticsOf(doc, token);
      if (!result) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed.', { retriggerRequest: true });
      return { kind: DocumentDiagnosticReportKind.Full, items: result.items };
    }
    // A closed document: what the index knows of it, or nothing (never an error for an unknown document).
    const entry = index?.has(params.textDocument.uri) ? (await index.entries(token))?.find((e) => e.uri === params.textDocument.uri) : undefined;
    return { kind: DocumentDiagnosticReportKind.Full, items: entry?.diagnostics ?? [] };
  });

  connection.languages.diagnostics.onWorkspace(async (params, token) => {
    const entries = index ? await index.entries(token) : [];
    if (!entries) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled.');
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const entry of entries) {
      // Open documents are reported by their own document pulls.
      if (index?.isOpen(entry.uri)) continue;
      if (previous.get(entry.uri) === entry.resultId) {
        items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri: entry.uri, version: null, resultId: entry.resultId });
      } else items.push({ kind: DocumentDiagnosticReportKind.Full, uri: entry.uri, version: null, resultId: entry.resultId, items: entry.diagnostics });
    }
    return { items };
  });

  return { diagnosticProvider: { identifier: 'wfs', interFileDependencies: false, workspaceDiagnostics: true } };
};
