/**
 * `workflow/todos` (protocol.ts): the open TODO markers of one document or of every indexed workflow, for the
 * client's TODOs view and status bar. Only files the catalog counts TODOs in are parsed again (through the
 * index's small model cache), so a workspace without TODOs costs one catalog pass.
 */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { TodosRequest } from '../protocol';
import type { TodoInfo, TodosResult } from '../protocol';
import type { WorkflowModel } from '../service/model';
import { fileTitle, workflowFacts } from '../service/features/catalog';
import { offsetToPosition } from '../service/text';
import type { FeatureRegistration } from './context';
import { WorkspaceIndex } from './workspaceIndex';

function todosOf(model: WorkflowModel): TodoInfo[] {
  return model.todos.map((t) => ({
    kind: t.kind,
    text: t.text,
    range: { start: offsetToPosition(model.lineStarts, t.start), end: offsetToPosition(model.lineStarts, t.end) },
  }));
}

export const registerTodos: FeatureRegistration = (ctx) => {
  const index = ctx.workspace instanceof WorkspaceIndex ? ctx.workspace : undefined;

  ctx.connection.onRequest(TodosRequest, async (params, token): Promise<TodosResult> => {
    const uri = params?.textDocument?.uri;
    if (typeof uri === 'string') {
      const doc = ctx.documents.get(uri);
      const model = doc ? (ctx.isWorkflow(doc) ? ctx.service.parse(doc, await ctx.settings.get(uri)) : undefined) : ctx.workspace.model(uri);
      if (!model || model.todos.length === 0) return { documents: [] };
      return { documents: [{ uri, title: workflowFacts(model).title ?? fileTitle(uri), todos: todosOf(model) }] };
    }
    const entries = index ? await index.entries(token) : [];
    if (!entries) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled.');
    const documents: TodosResult['documents'] = [];
    for (const entry of entries) {
      if (entry.data.todoCount === 0) continue;
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled.');
      const model = ctx.workspace.model(entry.uri);
      if (model && model.todos.length > 0) documents.push({ uri: entry.uri, title: entry.data.title, todos: todosOf(model) });
    }
    return { documents };
  });

  return {};
};
