/**
 * Refreshing a tree view only while it is visible: a hidden view remembers that it is stale and fetches again
 * when it is shown, so a workspace change does not send requests for views nobody looks at.
 */
import * as vscode from 'vscode';

export class VisibleRefresh implements vscode.Disposable {
  private stale = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly view: vscode.TreeView<unknown>,
    private readonly fire: () => void,
  ) {
    this.subscription = view.onDidChangeVisibility((e) => {
      if (e.visible && this.stale) this.refresh();
    });
  }

  refresh(): void {
    if (!this.view.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    this.fire();
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
