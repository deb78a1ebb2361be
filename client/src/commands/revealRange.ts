/** Opens a document and selects a range (the Steps and TODOs views' click). Arguments: URI string, LSP range. */
import * as vscode from 'vscode';
import type { Range } from 'vscode-languageserver-protocol';
import type { WorkflowCommand } from './types';

export const revealRange: WorkflowCommand = {
  id: 'wfs.revealRange',
  async run(_ctx, uri?: unknown, range?: unknown) {
    if (typeof uri !== 'string') return;
    const r = range as Range | undefined;
    const selection = r ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) : undefined;
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection, preserveFocus: false });
    if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  },
};
