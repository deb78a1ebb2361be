/**
 * Code actions: the service's quick fixes for the diagnostics in the request, and `source.fixAll.wfs` (every safe
 * fix at once, e.g. on save with `"editor.codeActionsOnSave": { "source.fixAll.wfs": "explicit" }`).
 */
import { CodeActionKind } from 'vscode-languageserver/node';
import type { CodeAction, Diagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { DiagnosticRef, TextEdit, WorkflowModel } from '../service';
import { offsetToPosition, positionToOffset } from '../service/text';
import type { FeatureRegistration } from './context';

export const FIX_ALL_KIND = 'source.fixAll.wfs';

export const registerCodeActions: FeatureRegistration = (ctx) => {
  const { connection, documents, service } = ctx;

  connection.onCodeAction(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !ctx.isWorkflow(doc)) return [];
    // With the group's convention, as the diagnostics were computed: a fix finds its diagnostic among them.
    const options = await ctx.lintOptions(doc.uri);
    // The document may have changed or closed while settings were pulled: answer for the text as it is now.
    const now = documents.get(doc.uri);
    if (!now || token.isCancellationRequested) return [];
    const model = service.parse(now, options);
    const only = params.context.only;
    const actions: CodeAction[] = [];

    if (wants(only, CodeActionKind.QuickFix)) {
      // Only this server's diagnostics (the client sends every source's); each keeps its place in `lspDiagnostics`.
      const lspDiagnostics = params.context.diagnostics.filter((d) => (d.source === 'wfs' || d.source === undefined) && d.code !== undefined);
      const refs = lspDiagnostics.map((d) => toRef(d, model));
      const range = { start: positionToOffset(model.text, model.lineStarts, params.range.start), end: positionToOffset(model.text, model.lineStarts, params.range.end) };
      for (const item of service.getCodeActions(now, options, range, refs, token)) {
        const action: CodeAction = { title: item.title, kind: item.kind, diagnostics: item.fixes.map((i) => lspDiagnostics[i]) };
        if (item.edits.length > 0 || !item.select) action.edit = { changes: { [now.uri]: item.edits.map((e) => toLspEdit(e, model)) } };
        // A selection is the client's to make: its reveal command selects the range (VS Code; other clients ignore it).
        if (item.select) {
          const range = { start: offsetToPosition(model.lineStarts, item.select.start), end: offsetToPosition(model.lineStarts, item.select.end) };
          action.command = { title: item.title, command: 'wfs.revealRange', arguments: [now.uri, range] };
        }
        if (item.isPreferred) action.isPreferred = true;
        actions.push(action);
      }
    }

    // Asked for explicitly only (on save, or the Source Action menu): a fix-all among quick fixes is noise.
    if (only && wants(only, FIX_ALL_KIND)) {
      const edits = service.getFixAllEdits(now, options, token);
      if (edits.length > 0 && !token.isCancellationRequested) {
        actions.push({
          title: 'Fix all auto-fixable Workflow Studio problems',
          kind: FIX_ALL_KIND,
          edit: { changes: { [now.uri]: edits.map((e) => toLspEdit(e, model)) } },
        });
      }
    }
    return token.isCancellationRequested ? [] : actions;
  });

  return { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false } };
};

/** Whether a requested kind list (`only`) includes `kind`: a kind covers itself and its sub-kinds ('source' covers 'source.fixAll.wfs'). */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => k === '' || kind === k || kind.startsWith(`${k}.`));
}

function toRef(d: Diagnostic, model: WorkflowModel): DiagnosticRef {
  const ref: DiagnosticRef = {
    code: String(d.code),
    message: d.message,
    start: positionToOffset(model.text, model.lineStarts, d.range.start),
    end: positionToOffset(model.text, model.lineStarts, d.range.end),
  };
  if (d.data && typeof d.data === 'object' && !Array.isArray(d.data)) ref.data = d.data as Record<string, unknown>;
  return ref;
}

function toLspEdit(e: TextEdit, model: WorkflowModel): LspTextEdit {
  return { range: { start: offsetToPosition(model.lineStarts, e.start), end: offsetToPosition(model.lineStarts, e.end) }, newText: e.newText };
}
