/**
 * The run code lenses (lenses.ts decides them) for workflow documents, from the server's `workflow/steps`. They
 * refresh when workspace trust is granted; VS Code asks again on edits.
 */
import * as vscode from 'vscode';
import type { WorkflowClient } from '../client';
import { graphLens, stepLenses } from './lenses';

export class RunCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly client: WorkflowClient) {
    this.disposables.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('wfs.run.codeLens')) this.changed.fire();
      }),
      client.onDidStart(() => this.changed.fire()),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.getConfiguration('wfs.run', document.uri).get<boolean>('codeLens', true)) return [];
    const result = await this.client.steps(document.uri, token);
    if (!result || token.isCancellationRequested) return [];
    return [...graphLens(result), ...stepLenses(result, vscode.workspace.isTrusted)].map((spec) => {
      const line = Math.min(spec.line, document.lineCount - 1);
      return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: spec.title,
        command: spec.command,
        arguments: spec.arguments,
        ...(spec.tooltip ? { tooltip: spec.tooltip } : {}),
      });
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
