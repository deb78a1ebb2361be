/**
 * Completion over LSP: the service's entries (offsets) become CompletionItems with a text edit on the cursor's line.
 */
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver/node';
import type { CompletionItem } from 'vscode-languageserver/node';
import type { CompletionEntry } from '../service';
import { offsetToPosition, positionToOffset } from '../service/text';
import type { FeatureRegistration } from './context';

const KINDS: Record<CompletionEntry['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  section: CompletionItemKind.Module,
  step: CompletionItemKind.Reference,
  skill: CompletionItemKind.Constant,
  workflow: CompletionItemKind.File,
  field: CompletionItemKind.Field,
};

export const registerCompletion: FeatureRegistration = (ctx) => {
  const { connection, documents, service, settings } = ctx;

  connection.onCompletion(async (params, token): Promise<CompletionItem[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !ctx.isWorkflow(doc)) return [];
    const version = doc.version;
    const options = await settings.get(doc.uri);
    // A change that arrived while settings were pulled makes the position stale: the client asks again.
    if (token.isCancellationRequested || documents.get(doc.uri)?.version !== version) return [];
    const model = service.parse(doc, options);
    const offset = positionToOffset(model.text, model.lineStarts, params.position);
    const entries = service.getCompletions(doc, options, offset, ctx.workspace, token);
    return entries.map((entry) => {
      const item: CompletionItem = {
        label: entry.label,
        kind: KINDS[entry.kind],
        textEdit: {
          range: { start: offsetToPosition(model.lineStarts, entry.replaceStart), end: offsetToPosition(model.lineStarts, entry.replaceEnd) },
          newText: entry.insertText,
        },
        insertTextFormat: entry.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      };
      if (entry.detail) item.detail = entry.detail;
      if (entry.documentation) item.documentation = { kind: 'markdown', value: entry.documentation };
      if (entry.sortText) item.sortText = entry.sortText;
      // Clients filter on the text in the edit's range; a leading space inserted after a colon is not typed text.
      if (entry.insertText !== entry.label && entry.insertText.trim() === entry.label) item.filterText = entry.label;
      return item;
    });
  });

  return { completionProvider: { triggerCharacters: [':', ' ', '#', '`', '*'], resolveProvider: false } };
};
