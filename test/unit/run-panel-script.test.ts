/**
 * media/runPanel.js, the Run panel's webview script, run in a minimal stand-in for the DOM: what it draws from
 * a posted state (the attributes the end-to-end tests read, the button labels), what its buttons post, that
 * data stays text, that focus survives a redraw, and that it restores its state after being hidden.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { DryRunPlan } from '../../server/src/run/engine';
import { availableActions, dryRunView, viewFromRecords, type RunView } from '../../client/src/runner/runState';
import { runEnd, runHeader, startRecord, stepEnd, stepRef, stepStart } from './support/run-records';

const SCRIPT = readFileSync(join(__dirname, '..', '..', 'media', 'runPanel.js'), 'utf8');

/** Just the DOM the script uses: elements, attributes, text, children, click listeners and focus. */
class FakeElement {
  children: FakeElement[] = [];
  className = '';
  private text = '';
  private readonly attributes = new Map<string, string>();
  private readonly listeners: ((ev: { preventDefault(): void }) => void)[] = [];
  constructor(readonly tagName: string, private readonly doc: FakeDocument) {}
  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join('');
  }
  set textContent(value: string) {
    this.children = [];
    this.text = String(value);
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  appendChild(child: FakeElement): FakeElement {
    this.children.push(child);
    return child;
  }
  replaceChildren(...nodes: FakeElement[]): void {
    this.children = [...nodes];
    this.text = '';
  }
  addEventListener(type: string, fn: (ev: { preventDefault(): void }) => void): void {
    if (type === 'click') this.listeners.push(fn);
  }
  focus(): void {
    this.doc.activeElement = this;
  }
  click(): boolean {
    let prevented = false;
    for (const fn of this.listeners) fn({ preventDefault: () => (prevented = true) });
    return prevented;
  }
  /** This element and its descendants, in document order. */
  all(): FakeElement[] {
    return [this, ...this.children.flatMap((c) => c.all())];
  }
  find(test: (e: FakeElement) => boolean): FakeElement[] {
    return this.all().filter(test);
  }
}

class FakeDocument {
  activeElement: FakeElement | null = null;
  readonly root = new FakeElement('main', this);
  readonly announce = new FakeElement('div', this);
  createElement(tag: string): FakeElement {
    return new FakeElement(tag, this);
  }
  getElementById(id: string): FakeElement | null {
    return id === 'root' ? this.root : id === 'announce' ? this.announce : null;
  }
}

/** Loads the script in a fresh page; `saved` is what vscode.getState returns (the state before a hide). */
function load(saved?: unknown) {
  const document = new FakeDocument();
  const posted: unknown[] = [];
  let state: unknown = saved;
  let onMessage: ((ev: { data: unknown }) => void) | undefined;
  // Messages are copied, as postMessage does (and so they compare as this realm's objects).
  const api = { postMessage: (m: unknown) => posted.push(JSON.parse(JSON.stringify(m))), getState: () => state, setState: (s: unknown) => (state = s) };
  runInNewContext(SCRIPT, {
    acquireVsCodeApi: () => api,
    document,
    window: { addEventListener: (type: string, fn: (ev: { data: unknown }) => void) => type === 'message' && (onMessage = fn) },
  });
  const deliver = (data: unknown) => onMessage!({ data });
  const send = (view: RunView) => deliver({ type: 'state', view, actions: availableActions(view) });
  const rows = () => document.root.find((e) => e.getAttribute('data-step') !== null);
  const buttons = () => document.root.find((e) => e.tagName === 'button');
  const button = (label: string, step?: number) =>
    buttons().find((b) => b.textContent === label && (step === undefined || rows().find((r) => r.getAttribute('data-step') === String(step))!.all().includes(b)));
  return { document, posted, deliver, send, rows, buttons, button, getState: () => state };
}

/** Markup in the workflow and step titles, which the script must keep as text. */
const header = runHeader({ workflow: 'Deploy <b>prod</b>' }, [
  stepRef(0, 'Build <img src=x onerror=alert(1)>', 3, { rollback: true }),
  stepRef(1, 'Check', 8, { manual: true }),
  stepRef(2, 'Release', 14, { rollback: true }),
]);
const start = startRecord(header);
/** Step 0 passed in 1.5 s. */
const buildPassed = stepEnd(0, 2, 'passed', { durationMs: 1500 });
const waitingView = viewFromRecords([start, stepStart(0, 1), buildPassed, stepStart(1, 1)], false);
const failedView = viewFromRecords(
  [start, stepStart(0, 1), buildPassed, stepStart(2, 1), stepEnd(2, 2, 'failed', { exitCode: 7, durationMs: 1500 }), runEnd(3, 'failed', 3000, { failedStep: 2 })],
  false,
);

describe('run panel script', () => {
  it('posts ready on load', () => {
    assert.deepEqual(load().posted, [{ type: 'ready' }]);
  });

  it('draws each step with data-step and data-status, the run with data-run-status', () => {
    const page = load();
    page.send(waitingView);
    assert.equal(page.document.root.getAttribute('data-run-status'), 'running');
    assert.deepEqual(page.rows().map((r) => [r.getAttribute('data-step'), r.getAttribute('data-status')]), [['0', 'passed'], ['1', 'running'], ['2', 'pending']]);
    const row0 = page.rows()[0];
    assert.match(row0.textContent, /Passed/);
    assert.match(row0.textContent, /1\.5 s/);
    assert.match(row0.textContent, /line 4/);
  });

  it('offers Stop and Done / Skip / Abort while waiting at a manual step, and they post the right messages', () => {
    const page = load();
    page.send(waitingView);
    assert.deepEqual(page.buttons().map((b) => b.textContent), ['Stop', 'Done', 'Skip', 'Abort']);
    page.button('Done', 1)!.click();
    page.button('Abort', 1)!.click();
    page.button('Stop')!.click();
    assert.deepEqual(page.posted.slice(1), [{ type: 'manual', step: 1, choice: 'done' }, { type: 'manual', step: 1, choice: 'abort' }, { type: 'stop' }]);
    assert.match(page.document.root.textContent, /Check, waits for you: Done, Skip or Abort/);
  });

  it('after a failure offers Retry step, Skip and Roll back, shows the exit code; no Stop', () => {
    const page = load();
    page.send(failedView);
    assert.equal(page.document.root.getAttribute('data-run-status'), 'failed');
    assert.equal(page.button('Stop'), undefined);
    assert.deepEqual(page.rows()[2].find((e) => e.tagName === 'button').map((b) => b.textContent), ['Retry step', 'Skip', 'Roll back']);
    assert.deepEqual(page.rows()[0].find((e) => e.tagName === 'button').map((b) => b.textContent), ['Roll back']);
    assert.equal(page.rows()[2].find((e) => e.className === 'exit-code')[0].textContent, '7');
    page.button('Retry step', 2)!.click();
    page.button('Roll back', 0)!.click();
    assert.deepEqual(page.posted.slice(1), [{ type: 'retry', step: 2 }, { type: 'rollback', step: 0 }]);
  });

  it('a read-only view has no buttons, only links to the steps, which post open-step', () => {
    const page = load();
    page.send({ ...failedView, readOnly: true });
    assert.deepEqual(page.buttons(), []);
    const link = page.rows()[1].find((e) => e.tagName === 'a')[0];
    assert.equal(link.getAttribute('href'), '#');
    assert.equal(link.click(), true, 'the link does not navigate');
    assert.deepEqual(page.posted.slice(1), [{ type: 'open-step', step: 1 }]);
  });

  it('keeps markup in data as text', () => {
    const page = load();
    page.send(waitingView);
    assert.equal(page.document.root.find((e) => e.tagName === 'h1')[0].textContent, 'Deploy <b>prod</b>');
    assert.equal(page.rows()[0].find((e) => e.tagName === 'a')[0].textContent, 'Build <img src=x onerror=alert(1)>');
    assert.deepEqual(page.document.root.find((e) => e.tagName === 'img' || e.tagName === 'b'), []);
  });

  it('keeps the keyboard focus on the same control across a redraw', () => {
    const page = load();
    page.send(failedView);
    const before = page.button('Roll back', 0)!;
    before.focus();
    // A changed state (a longer duration): the page is drawn again.
    page.send({ ...failedView, durationMs: (failedView.durationMs ?? 0) + 1000 });
    const focused = page.document.activeElement!;
    assert.notEqual(focused, before, 'a new button');
    assert.equal(focused.textContent, 'Roll back');
    assert.ok(page.rows()[0].all().includes(focused), 'the new Roll back button of step 1');
  });

  it('leaves the page alone when the same state comes again, so a click in progress lands on the element it began on', () => {
    const page = load();
    page.send(failedView);
    const link = page.rows()[1].find((e) => e.tagName === 'a')[0];
    const retry = page.button('Retry step', 2)!;
    // The answer to `ready` and a repeated post carry the state already drawn (copies, as postMessage delivers).
    page.send(JSON.parse(JSON.stringify(failedView)));
    page.send(failedView);
    assert.equal(page.rows()[1].find((e) => e.tagName === 'a')[0], link, 'the same link element');
    assert.equal(page.button('Retry step', 2), retry, 'the same button element');
    // A changed state is drawn.
    page.send({ ...failedView, readOnly: true });
    assert.equal(page.button('Retry step', 2), undefined);
    assert.notEqual(page.rows()[1].find((e) => e.tagName === 'a')[0], link);
  });

  it('a reopened panel that restored the state it is then sent does not draw it twice', () => {
    const first = load();
    first.send(failedView);
    const again = load(first.getState());
    const link = again.rows()[1].find((e) => e.tagName === 'a')[0];
    again.send(failedView);
    assert.equal(again.rows()[1].find((e) => e.tagName === 'a')[0], link);
  });

  it('announces status changes in the live region', () => {
    const page = load();
    page.send(waitingView);
    const next = viewFromRecords([start, stepStart(0, 1), buildPassed, stepStart(1, 1), { type: 'manual', time: 2, step: 1, choice: 'skip' }, runEnd(3, 'cancelled', 3, { reason: 'stopped' })], false);
    page.send(next);
    assert.match(page.document.announce.textContent, /Step 2, Check: Failed/);
    assert.match(page.document.announce.textContent, /Run Cancelled/);
  });

  it('saves its state and redraws from it after being hidden, before any message', () => {
    const first = load();
    first.send(failedView);
    const again = load(first.getState());
    assert.deepEqual(again.rows().map((r) => r.getAttribute('data-status')), ['passed', 'pending', 'failed']);
    assert.equal(again.document.root.getAttribute('data-run-status'), 'failed');
    assert.deepEqual(again.posted, [{ type: 'ready' }]);
  });

  it('ignores messages that are not a state', () => {
    const page = load();
    page.send(waitingView);
    const before = page.rows().map((r) => r.getAttribute('data-status'));
    for (const data of [null, 'state', { type: 'other', view: failedView }, { type: 'state' }, { type: 'state', view: { steps: 'x' } }]) page.deliver(data);
    assert.deepEqual(page.rows().map((r) => r.getAttribute('data-status')), before);
    assert.equal(page.document.root.getAttribute('data-run-status'), 'running');
  });

  it('draws a dry run: each step\'s resolved commands in <pre>, approvals, prompts, variables; no buttons', () => {
    const plan: DryRunPlan = {
      steps: [
        { index: 0, title: 'Build', commands: [{ kind: 'command', code: "make 'v1'" }, { kind: 'rollback', code: 'make clean' }], approvals: ['a command matches the risky pattern "rm -rf"'], prompts: [], routes: [] },
        { index: 1, title: 'Check', commands: [], approvals: [], prompts: ['manual: Done / Skip / Abort'], routes: [{ on: 'success', to: 'Release' }], problems: ['cannot safely substitute X here: inside backticks'] },
      ],
      variables: [{ name: 'TOKEN', secret: true }],
    };
    const page = load();
    page.send(dryRunView(header, plan, 0));
    assert.equal(page.document.root.getAttribute('data-mode'), 'dry-run');
    assert.deepEqual(page.rows().map((r) => r.getAttribute('data-step')), ['0', '1']);
    assert.deepEqual(page.rows()[0].find((e) => e.tagName === 'pre').map((p) => p.textContent), ["make 'v1'", 'make clean']);
    assert.match(page.rows()[0].textContent, /Needs approval: a command matches the risky pattern "rm -rf"/);
    assert.match(page.rows()[1].textContent, /Asks: manual: Done \/ Skip \/ Abort/);
    assert.match(page.rows()[1].textContent, /Would fail: cannot safely substitute X here/);
    assert.match(page.document.root.textContent, /Asks for: TOKEN \(secret\)/);
    assert.match(page.document.root.textContent, /Dry run: nothing was run/);
    assert.deepEqual(page.buttons(), []);
  });
});
