/**
 * Document symbols (the outline) and workspace symbols (every workflow and step of the index).
 */
import { SymbolKind } from 'vscode-languageserver/node';
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver/node';
import type { SymbolKind as ServiceSymbolKind, SymbolNode } from '../service';
import { offsetToPosition } from '../service/text';
import type { FeatureRegistration } from './context';

const KINDS: Record<ServiceSymbolKind, SymbolKind> = {
  workflow: SymbolKind.Module,
  section: SymbolKind.Namespace,
  step: SymbolKind.Function,
  field: SymbolKind.Field,
};

function toDocumentSymbol(node: SymbolNode, lineStarts: readonly number[]): DocumentSymbol {
  const symbol: DocumentSymbol = {
    name: node.name,
    kind: KINDS[node.kind],
    range: { start: offsetToPosition(lineStarts, node.start), end: offsetToPosition(lineStarts, node.end) },
    selectionRange: { start: offsetToPosition(lineStarts, node.selectionStart), end: offsetToPosition(lineStarts, node.selectionEnd) },
    children: node.children.map((child) => toDocumentSymbol(child, lineStarts)),
  };
  if (node.detail !== undefined) symbol.detail = node.detail;
  return symbol;
}

export const registerSymbols: FeatureRegistration = (ctx) => {
  const { connection, documents, service, settings, workspace } = ctx;

  connection.onDocumentSymbol(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !ctx.isWorkflow(doc)) return [];
    const options = await settings.get(doc.uri);
    if (token.isCancellationRequested) return [];
    const model = service.parse(doc, options);
    return service.getDocumentSymbols(doc, options, token).map((node) => toDocumentSymbol(node, model.lineStarts));
  });

  connection.onWorkspaceSymbol((params, token) => {
    const out: SymbolInformation[] = [];
    for (const item of service.getWorkspaceSymbols(params.query, workspace, token)) {
      // Offsets are into that document's text: convert with its own line starts.
      const lineStarts = workspace.model(item.uri)?.lineStarts;
      if (!lineStarts) continue;
      const info: SymbolInformation = {
        name: item.name,
        kind: KINDS[item.kind],
        location: { uri: item.uri, range: { start: offsetToPosition(lineStarts, item.start), end: offsetToPosition(lineStarts, item.end) } },
      };
      if (item.containerName !== undefined) info.containerName = item.containerName;
      out.push(info);
    }
    return out;
  });

  return { documentSymbolProvider: { label: 'Workflow Studio' }, workspaceSymbolProvider: true };
};
