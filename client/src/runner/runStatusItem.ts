/**
 * The status bar item of the run going on: which step of how many, or what the run waits for (statusText.ts has
 * the words); clicking it shows that run's panel. Hidden when no run is going on.
 */
import * as vscode from 'vscode';
import type { RunView } from './runState';
import { runStatusText } from './statusText';

export class RunStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('wfs.run', vscode.StatusBarAlignment.Left, 40);

  constructor() {
    this.item.command = 'wfs.showRunPanel';
    this.item.name = 'Workflow Studio run';
  }

  /** Shows this run (the newest one going on), or hides the item when there is none. */
  show(run: { runId: string; view: RunView } | undefined): void {
    const words = run && runStatusText(run.view);
    if (!run || !words) {
      this.item.hide();
      return;
    }
    this.item.text = words.text;
    this.item.tooltip = words.tooltip;
    this.item.command = { title: 'Show Run Panel', command: 'wfs.showRunPanel', arguments: [run.runId] };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
