// The Run panel's script (plain browser JavaScript, loaded as is: no build step). It draws the run from the
// state the extension posts ({ type: 'state', view, actions }, see client/src/runner/runState.ts) and posts
// back what the user asks for; the extension validates every message again (panelMessages.ts).
//
// Safety: all run data (step titles, commands, reasons) comes from the workflow document and may hold markup,
// so it is only ever set with textContent on elements built here; nothing is parsed as HTML. The page's CSP
// allows no inline style, so looks come from classes in runPanel.css.
// Accessibility: every action is a real <button> (or a link with href), the focused control keeps its focus
// across redraws, and status changes are read out through the polite live region #announce.
(function () {
  'use strict';

  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  const announce = document.getElementById('announce');

  const STEP_LABELS = {
    pending: 'Pending',
    running: 'Running',
    passed: 'Passed',
    failed: 'Failed',
    skipped: 'Skipped',
    'rolled-back': 'Rolled back',
  };
  const RUN_LABELS = {
    running: 'Running',
    passed: 'Passed',
    failed: 'Failed',
    cancelled: 'Cancelled',
    interrupted: 'Interrupted',
  };
  // Symbols next to the words, so a status never depends on colour alone.
  const SYMBOLS = {
    pending: '\u25CB',
    running: '\u25B6',
    passed: '\u2713',
    failed: '\u2717',
    skipped: '\u21B7',
    'rolled-back': '\u21B6',
    cancelled: '\u25A0',
    interrupted: '!',
  };
  const WAITING = {
    manual: 'waits for you: Done, Skip or Abort',
    approval: 'waits for an approval',
    rollback: 'waits for your choice of rollback',
    decision: 'waits for you to choose a branch',
    variable: 'waits for a value',
  };
  const KINDS = { command: 'Command', validation: 'Validation', rollback: 'Rollback' };

  /** The state drawn now: { view, actions }. Restored after the panel was hidden or reopened. */
  let state = vscode.getState();
  /** That state as JSON: the same state posted again (the answer to `ready`, a repeated post) draws nothing. */
  let drawn = '';
  /** The focusable elements of the last draw, by a key that stays the same across draws. */
  let controls = new Map();

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function append(parent, ...children) {
    for (const child of children) if (child) parent.appendChild(child);
    return parent;
  }

  function formatDuration(ms) {
    if (typeof ms !== 'number' || !isFinite(ms) || ms < 0) return '';
    if (ms < 1000) return Math.round(ms) + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
    const s = Math.round(ms / 1000);
    const m = Math.floor(s / 60);
    if (m < 60) return m + ' min ' + String(s % 60).padStart(2, '0') + ' s';
    return Math.floor(m / 60) + ' h ' + String(m % 60).padStart(2, '0') + ' min';
  }

  function statusBadge(status, labels) {
    const badge = el('span', 'status status-' + status);
    const symbol = el('span', 'symbol', SYMBOLS[status] || '');
    symbol.setAttribute('aria-hidden', 'true');
    return append(badge, symbol, el('span', 'label', labels[status] || String(status)));
  }

  /** A button that posts `message`; `key` finds it again after a redraw to keep the keyboard focus. */
  function button(label, key, message, secondary, describedBy) {
    const b = el('button', secondary ? 'secondary' : '', label);
    b.setAttribute('type', 'button');
    b.setAttribute('data-key', key);
    if (describedBy) b.setAttribute('aria-describedby', describedBy);
    b.addEventListener('click', () => vscode.postMessage(message));
    controls.set(key, b);
    return b;
  }

  function stepLink(step, text) {
    const a = el('a', 'step-link', text);
    a.setAttribute('href', '#');
    a.setAttribute('id', 'step-title-' + step.index);
    a.setAttribute('title', 'Go to line ' + (step.line + 1));
    a.setAttribute('data-key', 'open:' + step.index);
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      vscode.postMessage({ type: 'open-step', step: step.index });
    });
    controls.set('open:' + step.index, a);
    return a;
  }

  function renderHeader(view, actions) {
    const header = el('header', 'run-header');
    append(header, el('h1', '', view.workflow));
    const summary = el('p', 'summary');
    if (view.mode === 'dry-run') {
      append(summary, el('span', 'status status-dry-run', 'Dry run: nothing was run'));
    } else {
      append(summary, statusBadge(view.status, RUN_LABELS));
      const duration = formatDuration(view.durationMs);
      if (duration) append(summary, el('span', 'duration', duration));
      if (view.reason && view.status !== 'passed') append(summary, el('span', 'reason', view.reason));
    }
    append(header, summary);
    if (view.readOnly) append(header, el('p', 'note', 'From the run history: read-only.'));
    if (view.waiting && view.steps[view.waiting.step]) {
      const step = view.steps[view.waiting.step];
      append(header, el('p', 'waiting', 'Step ' + (step.index + 1) + ', ' + step.title + ', ' + (WAITING[view.waiting.kind] || 'waits') + '.'));
    }
    if (actions.stop) append(header, append(el('div', 'toolbar'), button('Stop', 'stop', { type: 'stop' }, false)));
    return header;
  }

  function stepDetails(step) {
    const details = el('div', 'details');
    if (!step.inScope) append(details, el('div', 'muted', 'Not in this run'));
    if (step.status === 'running' && step.command) {
      append(details, el('div', 'muted', (KINDS[step.command.kind] || 'Command') + ':'), el('pre', 'command', step.command.code));
    }
    for (const a of step.approvals || []) {
      const who = a.approver ? ' by ' + a.approver : '';
      append(details, el('div', a.approved ? 'approval' : 'approval declined', (a.approved ? 'Approved' + who : 'Declined' + who) + ': ' + a.reason));
    }
    if (step.manualChoice) append(details, el('div', '', 'Marked ' + step.manualChoice));
    if (step.branch) append(details, el('div', '', 'Branch: ' + step.branch));
    if (step.route) append(details, el('div', 'muted', 'Went on ' + step.route.on + ' to ' + step.route.to));
    if (step.reason) append(details, el('div', 'reason', step.reason));
    if (step.rollback) {
      const rb = step.rollback;
      const text = rb.status === 'running' ? 'Rolling back' : rb.status === 'rolled-back' ? 'Rolled back' : 'Rollback failed';
      const extra = [formatDuration(rb.durationMs), rb.exitCode !== undefined && rb.exitCode !== 0 ? 'exit code ' + rb.exitCode : '']
        .filter(Boolean)
        .join(', ');
      append(details, el('div', 'rollback rollback-' + rb.status, extra ? text + ' (' + extra + ')' : text));
    }
    return details;
  }

  function stepActions(step, actions) {
    const cell = el('td', 'actions');
    const by = 'step-title-' + step.index;
    if (actions.manual === step.index) {
      append(
        cell,
        button('Done', 'done:' + step.index, { type: 'manual', step: step.index, choice: 'done' }, false, by),
        button('Skip', 'mskip:' + step.index, { type: 'manual', step: step.index, choice: 'skip' }, true, by),
        button('Abort', 'abort:' + step.index, { type: 'manual', step: step.index, choice: 'abort' }, true, by),
      );
    }
    if (actions.retry === step.index) append(cell, button('Retry step', 'retry:' + step.index, { type: 'retry', step: step.index }, false, by));
    if (actions.skip === step.index) append(cell, button('Skip', 'skip:' + step.index, { type: 'skip', step: step.index }, true, by));
    if ((actions.rollback || []).indexOf(step.index) >= 0) {
      append(cell, button('Roll back', 'rollback:' + step.index, { type: 'rollback', step: step.index }, true, by));
    }
    return cell;
  }

  function renderSteps(view, actions) {
    const table = el('table', 'steps');
    append(table, el('caption', 'visually-hidden', 'Steps'));
    const headRow = el('tr');
    for (const name of ['#', 'Step', 'Status', 'Duration', 'Exit code', 'Actions']) {
      const th = el('th', '', name);
      th.setAttribute('scope', 'col');
      headRow.appendChild(th);
    }
    append(table, append(el('thead'), headRow));
    const body = el('tbody');
    for (const step of view.steps) {
      const row = el('tr', step.inScope ? 'step' : 'step out-of-scope');
      row.setAttribute('data-step', String(step.index));
      row.setAttribute('data-status', step.status);
      const title = el('td', 'title');
      append(title, stepLink(step, step.title), el('span', 'line', 'line ' + (step.line + 1)), stepDetails(step));
      const status = append(el('td', 'status-cell'), statusBadge(step.status, STEP_LABELS));
      if (step.attempt > 1) append(status, el('span', 'attempt', 'attempt ' + step.attempt));
      append(
        row,
        el('td', 'index', step.index + 1),
        title,
        status,
        el('td', 'duration', formatDuration(step.durationMs)),
        el('td', 'exit-code', step.exitCode !== undefined ? step.exitCode : ''),
        stepActions(step, actions),
      );
      body.appendChild(row);
    }
    return append(table, body);
  }

  function renderPlan(view) {
    const plan = view.plan;
    const section = el('section', 'plan');
    section.setAttribute('aria-label', 'Dry run plan');
    const count = plan.steps.reduce((n, s) => n + s.commands.length, 0);
    append(section, el('p', 'muted', count + ' command' + (count === 1 ? '' : 's') + ' in ' + plan.steps.length + ' step' + (plan.steps.length === 1 ? '' : 's') + ', in order.'));
    if (plan.variables.length) {
      const names = plan.variables.map((v) => v.name + (v.secret ? ' (secret)' : '')).join(', ');
      append(section, el('p', 'variables', 'Asks for: ' + names));
    }
    const list = el('ol', 'plan-steps');
    for (const p of plan.steps) {
      const step = view.steps[p.index];
      if (!step) continue;
      const item = el('li', 'plan-step');
      item.setAttribute('data-step', String(p.index));
      item.setAttribute('data-status', step.status);
      append(item, append(el('h2'), stepLink(step, p.index + 1 + '. ' + p.title)));
      for (const prompt of p.prompts) append(item, el('div', 'prompt', 'Asks: ' + prompt));
      for (const reason of p.approvals) append(item, el('div', 'approval', 'Needs approval: ' + reason));
      // Commands the run would refuse to resolve (a placeholder where no value can be quoted safely).
      for (const problem of p.problems || []) append(item, el('div', 'problem', 'Would fail: ' + problem));
      if (p.commands.length === 0) append(item, el('div', 'muted', 'No commands.'));
      for (const c of p.commands) {
        append(item, el('div', 'kind kind-' + c.kind, KINDS[c.kind] || c.kind), el('pre', 'command', c.code));
      }
      if (p.retry) {
        const waits = p.retry.delaysMs.map(formatDuration).join(', ');
        append(item, el('div', 'muted', 'Retries: up to ' + p.retry.maxAttempts + ' attempts' + (waits ? ', waiting ' + waits : '')));
      }
      for (const r of p.routes) append(item, el('div', 'muted', 'On ' + r.on + ': go to ' + r.to));
      list.appendChild(item);
    }
    return append(section, list);
  }

  /** What changed between two draws, in words, for the live region. */
  function changes(before, after) {
    if (!before || before.runId !== after.runId) return '';
    const out = [];
    after.steps.forEach((s, i) => {
      const old = before.steps[i];
      if (old && old.status !== s.status && s.status !== 'pending') out.push('Step ' + (i + 1) + ', ' + s.title + ': ' + STEP_LABELS[s.status]);
    });
    const w = after.waiting;
    if (w && after.steps[w.step] && (!before.waiting || before.waiting.step !== w.step || before.waiting.kind !== w.kind)) {
      out.push('Step ' + (w.step + 1) + ' ' + (WAITING[w.kind] || 'waits'));
    }
    if (before.status !== after.status) out.push('Run ' + (RUN_LABELS[after.status] || after.status));
    return out.join('. ');
  }

  function render(next, previous) {
    const view = next.view;
    const actions = next.actions || { stop: false, rollback: [] };
    const focusedKey = document.activeElement && document.activeElement.getAttribute ? document.activeElement.getAttribute('data-key') : null;
    controls = new Map();
    root.setAttribute('data-run-status', view.status);
    root.setAttribute('data-mode', view.mode);
    root.setAttribute('data-read-only', view.readOnly ? 'true' : 'false');
    root.setAttribute('aria-busy', 'false');
    const content = [renderHeader(view, actions), view.mode === 'dry-run' && view.plan ? renderPlan(view) : renderSteps(view, actions)];
    root.replaceChildren(...content);
    // Redrawing replaces the buttons; put the focus back on the same control when it still exists.
    if (focusedKey && controls.has(focusedKey)) controls.get(focusedKey).focus();
    const said = previous ? changes(previous.view, view) : '';
    if (said) announce.textContent = said;
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'state' || !message.view || !Array.isArray(message.view.steps)) return;
    const next = { view: message.view, actions: message.actions };
    // A redraw replaces every link and button: one between the press and the release of a click would swallow
    // it. So an unchanged state leaves the page alone.
    const json = JSON.stringify(next);
    if (json === drawn) return;
    const previous = state;
    state = next;
    drawn = json;
    vscode.setState(state);
    render(state, previous);
  });

  if (state && state.view) {
    render(state, undefined);
    drawn = JSON.stringify(state);
  }
  // Asks the extension for the current state: the one restored above may be old (the panel was hidden).
  vscode.postMessage({ type: 'ready' });
})();
