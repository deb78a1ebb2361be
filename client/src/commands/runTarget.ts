/**
 * What a run command acts on: the arguments a code lens passes (document URI, step index), or, from the Command
 * Palette or a key binding, the active editor's document and the step the cursor is in.
 */
import * as vscode from 'vscode';
import type { CommandContext, WorkflowCommand } from './types';

export interface RunTarget {
  uri: vscode.Uri;
  index?: number;
  /** The step's title when the lens was drawn: the run checks it still names that step. */
  title?: string;
}

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value !== '') return vscode.Uri.parse(value);
  return undefined;
}

/**
 * A step node's context in the graph view (its `data-vscode-context`, which VS Code passes to the commands of the
 * webview's context menu): the document and the step. The graph redraws on every edit, so the index is current.
 */
function graphNodeTarget(arg: unknown): RunTarget | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const { wfsUri, wfsStep } = arg as { wfsUri?: unknown; wfsStep?: unknown };
  if (typeof wfsUri !== 'string' || typeof wfsStep !== 'number' || !Number.isInteger(wfsStep)) return undefined;
  return { uri: vscode.Uri.parse(wfsUri), index: wfsStep };
}

export async function runTarget(ctx: CommandContext, args: unknown[], needStep: boolean): Promise<RunTarget | undefined> {
  const fromGraph = graphNodeTarget(args[0]);
  if (fromGraph) return needStep ? fromGraph : { uri: fromGraph.uri };
  const uri = asUri(args[0]) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Open a workflow document first.');
    return undefined;
  }
  if (!needStep) return { uri };
  if (typeof args[1] === 'number' && Number.isInteger(args[1])) return { uri, index: args[1], ...(typeof args[2] === 'string' ? { title: args[2] } : {}) };
  const editor = vscode.window.activeTextEditor;
  const steps = editor && editor.document.uri.toString() === uri.toString() ? await ctx.client.steps(uri) : null;
  const line = editor?.selection.active.line ?? -1;
  const step = steps?.steps.find((s) => s.range.start.line <= line && line <= s.range.end.line);
  if (!step) {
    void vscode.window.showInformationMessage('Put the cursor in a step of a workflow document, or use the code lens above the step.');
    return undefined;
  }
  return { uri, index: step.index };
}

/** A command over a run target: the run commands differ only in their id, whether they need a step, and the call. */
export function targetCommand(id: string, needStep: boolean, call: (ctx: CommandContext, target: RunTarget) => unknown): WorkflowCommand {
  return {
    id,
    async run(ctx, ...args: unknown[]) {
      const target = await runTarget(ctx, args, needStep);
      return target && call(ctx, target);
    },
  };
}
