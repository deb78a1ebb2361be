/**
 * The Run panel: a webview per run that shows the run's `RunView` (runState.ts) and sends the user's actions
 * back. A thin adapter: the view model, the message checks and the HTML are pure modules.
 *
 * The panel outlives its webview: closing the tab only drops the webview (the run goes on), `reveal()` builds a
 * new one, and the script asks for the state again when it loads (`ready`). Only `dispose()` ends the panel.
 */
import * as vscode from 'vscode';
import { panelHtml, makeNonce } from './panelHtml';
import { parsePanelMessage, type PanelAction } from './panelMessages';
import { availableActions, type RunView } from './runState';

export interface RunPanelHandlers {
  /**
   * Every message that passed `parsePanelMessage`: Stop, Retry step, Skip, Roll back, Done / Skip / Abort on a
   * manual step, open-step (the link to the step) and ready. The panel already reposted its state on ready.
   */
  onAction(action: PanelAction): void;
}

/** Bursts of run events (a fast step emits several) become one post per frame. */
const POST_DELAY_MS = 16;

export class RunPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private posted: RunView | undefined;
  private disposed = false;
  private readonly closeEmitter = new vscode.EventEmitter<void>();
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  /** The user closed the tab; the panel lives on and `reveal()` shows it again. */
  readonly onDidClose = this.closeEmitter.event;
  /** The panel was disposed for good. */
  readonly onDidDispose = this.disposeEmitter.event;

  /** A panel that only shows (a dry run, a past run): its step links work, nothing else does. */
  static readOnly(extensionUri: vscode.Uri, view: RunView): RunPanel {
    const panel = new RunPanel(extensionUri, view, {
      onAction: (action) => {
        if (action.type === 'open-step') void openStep(view.uri, view.steps[action.step]?.line ?? 0);
      },
    });
    // The constructor has opened and shown it: revealing a webview that is still loading again gains nothing.
    return panel;
  }

  constructor(
    private readonly extensionUri: vscode.Uri,
    private view: RunView,
    private readonly handlers: RunPanelHandlers,
  ) {
    this.open();
  }

  /** The state shown (or about to be). */
  get current(): RunView {
    return this.view;
  }

  /** Whether the webview tab exists (it may be in a background tab). */
  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Shows a new state; the last one given is always posted, soon. */
  update(view: RunView): void {
    this.view = view;
    if (this.disposed || !this.panel || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.view !== this.posted) this.post();
    }, POST_DELAY_MS);
  }

  /** Brings the panel to the front, building the webview again when the user closed it. */
  reveal(): void {
    if (this.disposed) return;
    if (this.panel) this.panel.reveal(undefined, true);
    else this.open();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.panel?.dispose();
    this.disposeEmitter.fire();
    this.closeEmitter.dispose();
    this.disposeEmitter.dispose();
  }

  private open(): void {
    const title = `${this.view.mode === 'dry-run' ? 'Dry run' : 'Run'}: ${this.view.workflow}`;
    const panel = createStrictPanel(this.extensionUri, 'wfs.runPanel', title, 'runPanel');
    const webview = panel.webview;
    this.panel = panel;
    this.posted = undefined;
    this.panelDisposables = [
      webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidDispose(() => {
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
        this.panel = undefined;
        if (!this.disposed) this.closeEmitter.fire();
      }),
    ];
    // Posted at once as well as on the script's `ready`: VS Code holds a message for a webview until it has loaded,
    // so a `ready` lost while the webview was loading still leaves the panel drawn. The script draws a repeated
    // state once.
    this.post();
  }

  private post(): void {
    if (!this.panel) return;
    this.posted = this.view;
    void this.panel.webview.postMessage({ type: 'state', view: this.view, actions: availableActions(this.view) });
  }

  private receive(raw: unknown): void {
    // Checked against the run's current state, so a click on a button the run has moved past does nothing.
    const action = parsePanelMessage(raw, this.view);
    if (!action) return;
    // A (re)loaded webview has only its saved state, which may be old: post the current one whatever changed.
    if (action.type === 'ready') this.post();
    this.handlers.onAction(action);
  }
}

/**
 * A webview panel beside the editor with the strict page of panelHtml.ts, loading `media/<name>.js` and
 * `media/<name>.css` only. Nothing is retained while it is hidden: its script redraws from vscode.getState and asks
 * for the state again, so a hidden panel holds no memory.
 */
export function createStrictPanel(extensionUri: vscode.Uri, viewType: string, title: string, name: string): vscode.WebviewPanel {
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  const panel = vscode.window.createWebviewPanel(viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
    enableScripts: true,
    localResourceRoots: [media],
    retainContextWhenHidden: false,
  });
  panel.iconPath = vscode.Uri.joinPath(media, 'workflows.svg');
  const webview = panel.webview;
  webview.html = panelHtml({
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, `${name}.js`)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, `${name}.css`)).toString(),
    title,
  });
  return panel;
}

/**
 * The Run panel's link to a step: shows it in the document, and leaves the focus in the panel the person
 * clicked. Taking it to the editor raced with VS Code's own notice that the panel got the focus (it polls the
 * webview and can come later): the panel's group then became active again over an editor that had the keyboard,
 * and the editor's line and column left the status bar.
 */
export async function openStep(uri: string, line: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: true });
  const pos = new vscode.Position(Math.min(line, doc.lineCount - 1), 0);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
