/**
 * Go to definition, find references, prepare rename and rename, for YAML step names and workflow names.
 */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { Location, Position, TextDocumentIdentifier, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintOptions, LocationItem, WorkflowModel } from '../service';
import { offsetToPosition, positionToOffset } from '../service/text';
import type { FeatureRegistration } from './context';

export const registerNavigation: FeatureRegistration = (ctx) => {
  const { connection, documents, service, settings, workspace } = ctx;

  /** The open workflow document, its options, model and the offset of `position`; undefined for anything else. */
  async function at(
    textDocument: TextDocumentIdentifier,
    position: Position,
  ): Promise<{ doc: TextDocument; options: LintOptions; model: WorkflowModel; offset: number } | undefined> {
    const doc = documents.get(textDocument.uri);
    if (!doc || !ctx.isWorkflow(doc)) return undefined;
    const options = await settings.get(doc.uri);
    const model = service.parse(doc, options);
    return { doc, options, model, offset: positionToOffset(model.text, model.lineStarts, position) };
  }

  /** Line starts of the document an offset belongs to: the request's own model, else the indexed one. */
  function lineStartsOf(uri: string, current: WorkflowModel): readonly number[] | undefined {
    return uri === current.uri ? current.lineStarts : workspace.model(uri)?.lineStarts;
  }

  function toLocations(items: LocationItem[], current: WorkflowModel): Location[] {
    const out: Location[] = [];
    for (const item of items) {
      const lineStarts = lineStartsOf(item.uri, current);
      if (!lineStarts) continue;
      out.push({ uri: item.uri, range: { start: offsetToPosition(lineStarts, item.start), end: offsetToPosition(lineStarts, item.end) } });
    }
    return out;
  }

  connection.onDefinition(async (params, token) => {
    const here = await at(params.textDocument, params.position);
    if (!here || token.isCancellationRequested) return [];
    return toLocations(service.getDefinition(here.doc, here.options, here.offset, workspace, token), here.model);
  });

  connection.onReferences(async (params, token) => {
    const here = await at(params.textDocument, params.position);
    if (!here || token.isCancellationRequested) return [];
    const items = service.getReferences(here.doc, here.options, here.offset, params.context.includeDeclaration, workspace, token);
    return toLocations(items, here.model);
  });

  connection.onPrepareRename(async (params, token) => {
    const here = await at(params.textDocument, params.position);
    if (!here || token.isCancellationRequested) return null;
    const result = service.prepareRename(here.doc, here.options, here.offset, token);
    if (!result) return null;
    const { lineStarts } = here.model;
    return { range: { start: offsetToPosition(lineStarts, result.start), end: offsetToPosition(lineStarts, result.end) }, placeholder: result.placeholder };
  });

  connection.onRenameRequest(async (params, token) => {
    const here = await at(params.textDocument, params.position);
    if (!here) return null;
    const result = service.rename(here.doc, here.options, here.offset, params.newName, workspace, token);
    if ('error' in result) return new ResponseError(LSPErrorCodes.RequestFailed, result.error);
    const changes: Record<string, LspTextEdit[]> = {};
    for (const { uri, edits } of result.edits) {
      const lineStarts = lineStartsOf(uri, here.model);
      if (!lineStarts) continue;
      changes[uri] = edits.map((e) => ({ range: { start: offsetToPosition(lineStarts, e.start), end: offsetToPosition(lineStarts, e.end) }, newText: e.newText }));
    }
    const edit: WorkspaceEdit = { changes };
    return edit;
  });

  return { definitionProvider: true, referencesProvider: true, renameProvider: { prepareProvider: true } };
};
