// The graph view's script (plain browser JavaScript, loaded as is: no build step). It draws the graph the
// extension posts ({ type: 'graph', graph, actions }: nodes, edges and the server's dagre layout, see
// client/src/graph/graphMessages.ts), selects the node the editor's cursor is in ({ type: 'select' }), shows run
// statuses ({ type: 'status' }), and posts back what the user asks for; the extension checks every message again.
//
// Safety: labels and messages come from the workflow document and may hold markup, so they are only ever set with
// textContent on elements built here with createElementNS; nothing is parsed as HTML or SVG text. The page's CSP
// allows no inline style: looks come from classes in graphPanel.css, geometry from SVG attributes.
// Keyboard: Tab reaches the toolbar and the drawing; in the drawing the arrow keys move the selection to the
// nearest node that way (or pan when nothing is selected), Enter reveals the step, + and - zoom, 0 fits, and the
// context-menu key opens the node's run actions. Zoom, pan and the selection survive every redraw.
(function () {
  'use strict';

  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const root = document.getElementById('root');
  const announce = document.getElementById('announce');

  const STATUS_LABELS = { pending: 'pending', running: 'running', passed: 'passed', failed: 'failed', skipped: 'skipped', 'rolled-back': 'rolled back' };
  const STATUS_SYMBOLS = { pending: '\u25CB', running: '\u25B6', passed: '\u2713', failed: '\u2717', skipped: '\u21B7', 'rolled-back': '\u21B6' };
  const MARK_LABELS = { manual: 'manual', approval: 'needs approval', risky: 'risky command', refused: 'cannot run here' };
  const MIN_ZOOM = 0.05;
  const MAX_ZOOM = 4;
  /** The smallest zoom at which labels stay readable. */
  const READABLE_ZOOM = 0.6;

  /** Kept across redraws and reloads: the graph message, the run statuses, the view (zoom, pan) and the selection. */
  const saved = vscode.getState() || {};
  let graphMessage = saved.graphMessage || null;
  let statusMessage = saved.statusMessage || null;
  let view = saved.view || null;
  let selected = saved.selected || null;

  // The page: a toolbar, a status line and the drawing.
  const toolbar = el('div', 'toolbar');
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Graph');
  const buttons = {
    zoomIn: button('Zoom in', '+', () => zoomBy(1.25)),
    zoomOut: button('Zoom out', '\u2212', () => zoomBy(0.8)),
    fit: button('Fit', 'Fit', () => fit(false)),
    exportSvg: button('Export as SVG', 'Export as SVG', () => vscode.postMessage({ type: 'export-svg' })),
    copyMermaid: button('Copy as Mermaid', 'Copy as Mermaid', () => vscode.postMessage({ type: 'copy-mermaid' })),
  };
  for (const b of Object.values(buttons)) toolbar.appendChild(b);
  const runLine = el('span', 'run-line');
  toolbar.appendChild(runLine);
  const stage = el('div', 'stage');
  stage.tabIndex = 0;
  stage.setAttribute('role', 'application');
  stage.setAttribute('aria-roledescription', 'workflow graph');
  stage.setAttribute('aria-label', 'Workflow graph: arrow keys move between steps, Enter shows the step in the editor');
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'graph');
  const world = document.createElementNS(SVG, 'g');
  svg.appendChild(defs());
  svg.appendChild(world);
  stage.appendChild(svg);
  root.appendChild(toolbar);
  root.appendChild(stage);

  /** Node elements and boxes of the last draw, by node id. */
  let nodeElements = new Map();
  let boxes = new Map();

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svgEl(tag, attributes, className) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, String(v));
    if (className) node.setAttribute('class', className);
    return node;
  }

  function button(label, text, onClick) {
    const b = el('button', 'tool', text);
    b.type = 'button';
    b.title = label;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', onClick);
    return b;
  }

  function defs() {
    const d = document.createElementNS(SVG, 'defs');
    for (const kind of ['edge', 'failure', 'error', 'rollback']) {
      const marker = svgEl('marker', { id: `arrow-${kind}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, `marker marker-${kind}`);
      marker.appendChild(svgEl('path', { d: 'M0 0L10 5L0 10z' }));
      d.appendChild(marker);
    }
    return d;
  }

  function save() {
    vscode.setState({ graphMessage, statusMessage, view, selected });
  }

  function applyView() {
    if (!view) return;
    world.setAttribute('transform', `translate(${view.x} ${view.y}) scale(${view.zoom})`);
    stage.dataset.zoom = view.zoom.toFixed(3);
    save();
  }

  /**
   * The zoom and pan that show the whole graph (never larger than 1:1). The first view of a graph too tall to be
   * read whole (200 steps) is the top of it at a readable size instead: Fit (or 0) still shows it all, and the
   * keyboard's selection pans along.
   */
  function fit(readable) {
    if (!graphMessage) return;
    const layout = graphMessage.graph.layout;
    const width = stage.clientWidth || 800;
    const height = stage.clientHeight || 600;
    const whole = Math.max(MIN_ZOOM, Math.min(1, width / Math.max(1, layout.width), height / Math.max(1, layout.height)));
    const zoom = readable ? Math.max(whole, Math.min(1, READABLE_ZOOM, width / Math.max(1, layout.width))) : whole;
    const top = layout.height * zoom <= height ? (height - layout.height * zoom) / 2 : 8;
    view = { zoom, x: (width - layout.width * zoom) / 2, y: Math.max(0, top) };
    applyView();
  }

  function zoomBy(factor, cx, cy) {
    if (!view) return;
    const zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, view.zoom * factor));
    const x = cx === undefined ? (stage.clientWidth || 800) / 2 : cx;
    const y = cy === undefined ? (stage.clientHeight || 600) / 2 : cy;
    // Keep the point under the pointer (or the centre) where it is.
    view = { zoom, x: x - ((x - view.x) * zoom) / view.zoom, y: y - ((y - view.y) * zoom) / view.zoom };
    applyView();
  }

  function panBy(dx, dy) {
    if (!view) return;
    view = { zoom: view.zoom, x: view.x + dx, y: view.y + dy };
    applyView();
  }

  /**
   * Node boxes have a fixed size and the server cuts labels by a count of characters; wide glyphs can still run
   * past the box in the editor's font, so such a line is cut further with … where it is measured too wide (all the
   * lines are measured first, so the page is laid out once).
   */
  function fitLabels(items) {
    if (items.length === 0 || typeof items[0].text.getComputedTextLength !== 'function') return;
    const wide = items.filter((item) => item.text.getComputedTextLength() > item.room);
    for (const { text, room } of wide) {
      let line = (text.textContent || '').replace(/…$/, '');
      while (line.length > 1) {
        line = line.slice(0, -1);
        text.textContent = `${line.trimEnd()}…`;
        if (text.getComputedTextLength() <= room) break;
      }
    }
  }

  function tooltip(node) {
    const parts = [];
    if (node.marks && node.marks.length) parts.push(node.marks.map((m) => MARK_LABELS[m] || m).join(', '));
    for (const f of node.flags || []) parts.push(`${f.code}: ${f.message}`);
    const status = statusOf(node.id);
    if (status) parts.push(statusText(status));
    return parts.join('\n');
  }

  function statusOf(id) {
    return statusMessage && statusMessage.statuses ? statusMessage.statuses[id] : undefined;
  }

  function seconds(ms) {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
  }

  function statusText(status) {
    const parts = [`${STATUS_SYMBOLS[status.status] || ''} ${STATUS_LABELS[status.status] || status.status}`.trim()];
    if (status.durationMs !== undefined) parts.push(seconds(status.durationMs));
    if (status.exitCode !== undefined) parts.push(`exit ${status.exitCode}`);
    return parts.join(' \u00B7 ');
  }

  function severityClass(flags) {
    if (!flags || flags.length === 0) return '';
    return flags.some((f) => f.severity === 'error') ? ' flag-error' : flags.some((f) => f.severity === 'warning') ? ' flag-warning' : ' flag-info';
  }

  function draw() {
    if (!graphMessage) return;
    const { graph, actions, readOnly } = graphMessage;
    const layout = graph.layout;
    const paths = new Map(layout.edges.map((e) => [e.id, e]));
    boxes = new Map(layout.nodes.map((b) => [b.id, b]));
    nodeElements = new Map();
    while (world.firstChild) world.removeChild(world.firstChild);
    svg.setAttribute('data-shape', graph.shape);
    for (const edge of graph.edges) {
      const path = paths.get(edge.id);
      if (!path || path.points.length === 0) continue;
      const flagged = edge.flags.length > 0;
      const kind = flagged ? 'error' : edge.kind === 'failure' ? 'failure' : edge.kind === 'rollback' ? 'rollback' : 'edge';
      const g = svgEl('g', { 'data-edge': edge.id, 'data-kind': edge.kind }, `edge edge-${edge.kind}${edge.dashed ? ' dashed' : ''}${edge.back ? ' back' : ''}${severityClass(edge.flags)}`);
      if (flagged) {
        const title = svgEl('title');
        title.textContent = edge.flags.map((f) => `${f.code}: ${f.message}`).join('\n');
        g.appendChild(title);
      }
      const d = path.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join('');
      g.appendChild(svgEl('path', { d, 'marker-end': `url(#arrow-${kind})` }, 'edge-line'));
      if (edge.label && path.label) {
        // The label's box has a fixed width (the layout does not depend on its text): the text comes cut to fit.
        const w = path.label.width;
        g.appendChild(svgEl('rect', { x: path.label.x - w / 2, y: path.label.y - 7, width: w, height: 14, rx: 3 }, 'edge-label-bg'));
        const text = svgEl('text', { x: path.label.x, y: path.label.y + 4, 'text-anchor': 'middle' }, 'edge-label');
        text.textContent = path.label.text;
        g.appendChild(text);
        if (path.label.text !== edge.label && !flagged) {
          const title = svgEl('title');
          title.textContent = edge.label;
          g.insertBefore(title, g.firstChild);
        }
      }
      world.appendChild(g);
    }
    const labelTexts = [];
    for (const node of graph.nodes) {
      const box = boxes.get(node.id);
      if (!box) continue;
      const status = statusOf(node.id);
      const classes = [
        'node',
        `node-${node.kind}`,
        node.stepKind ? `step-${node.stepKind}` : '',
        ...(node.marks || []).map((m) => `mark-${m}`),
        status ? `status-${status.status}` : '',
        node.id === selected ? 'selected' : '',
      ].filter(Boolean).join(' ') + severityClass(node.flags);
      const g = svgEl('g', { 'data-node': node.id, role: 'button' }, classes);
      if (status) g.setAttribute('data-status', status.status);
      const label = [node.label, ...(node.marks || []).map((m) => MARK_LABELS[m] || m), ...(node.flags || []).map((f) => f.message), status ? statusText(status) : ''].filter(Boolean).join('. ');
      g.setAttribute('aria-label', label);
      if (node.step !== undefined && node.kind === 'step') {
        const a = (actions && actions[node.id]) || {};
        // VS Code's webview context menu passes this to the run commands (package.json: webview/context).
        g.setAttribute('data-vscode-context', JSON.stringify({
          webviewSection: 'wfsGraphStep',
          preventDefaultContextMenuItems: true,
          wfsUri: graph.uri,
          wfsStep: node.step,
          wfsRunStep: !readOnly && !!a.runStep,
          wfsMarkDone: !readOnly && !!a.markDone,
          wfsDryRun: !readOnly && !!a.dryRun,
          wfsRunFrom: !readOnly && !!a.runFrom,
        }));
      }
      const shown = box.lines.join(' ');
      const tip = [shown !== node.label ? node.label : '', tooltip(node)].filter(Boolean).join('\n');
      if (tip) {
        const title = svgEl('title');
        title.textContent = tip;
        g.appendChild(title);
      }
      const terminal = node.kind === 'start' || node.kind === 'end' || node.kind === 'join';
      g.appendChild(svgEl('rect', { x: box.x, y: box.y, width: box.width, height: box.height, rx: terminal ? box.height / 2 : node.stepKind === 'decision' ? 2 : 6 }, 'node-box'));
      // The box's height is fixed by its kind: a label of fewer lines is centred in it.
      const top = box.y + (box.height - box.lines.length * 16) / 2 + 12;
      box.lines.forEach((line, i) => {
        const text = svgEl('text', { x: box.x + box.width / 2, y: top + i * 16, 'text-anchor': 'middle' }, 'node-label');
        text.textContent = line;
        g.appendChild(text);
        labelTexts.push({ text, room: box.width - 12 });
      });
      if (status) {
        const badge = svgEl('text', { x: box.x + box.width - 4, y: box.y + box.height + 12, 'text-anchor': 'end' }, 'node-status');
        badge.textContent = statusText(status);
        g.appendChild(badge);
      }
      g.addEventListener('click', (ev) => {
        ev.stopPropagation();
        select(node.id, true);
      });
      nodeElements.set(node.id, g);
      world.appendChild(g);
    }
    fitLabels(labelTexts);
    root.setAttribute('aria-busy', 'false');
    root.dataset.nodes = String(graph.nodes.length);
    root.dataset.version = graph.version === undefined ? '' : String(graph.version);
    drawRunLine();
  }

  function drawRunLine() {
    const run = statusMessage && statusMessage.run;
    runLine.textContent = run ? `${run.label}: ${run.status}` : '';
    root.dataset.runStatus = run ? run.status : '';
  }

  /** Selects a node; `reveal` also shows its step in the editor (a click, Enter). */
  function select(id, reveal) {
    if (!nodeElements.has(id)) return;
    const previous = selected && nodeElements.get(selected);
    if (previous) previous.classList.remove('selected');
    selected = id;
    const g = nodeElements.get(id);
    g.classList.add('selected');
    root.dataset.selected = id;
    announce.textContent = g.getAttribute('aria-label') || '';
    ensureVisible(id);
    save();
    if (reveal) vscode.postMessage({ type: 'reveal', node: id });
  }

  /** Pans just enough to bring the node into view. */
  function ensureVisible(id) {
    const box = boxes.get(id);
    if (!box || !view) return;
    const width = stage.clientWidth || 800;
    const height = stage.clientHeight || 600;
    const left = box.x * view.zoom + view.x;
    const top = box.y * view.zoom + view.y;
    const right = left + box.width * view.zoom;
    const bottom = top + box.height * view.zoom;
    let dx = 0;
    let dy = 0;
    if (left < 8) dx = 8 - left;
    else if (right > width - 8) dx = width - 8 - right;
    if (top < 8) dy = 8 - top;
    else if (bottom > height - 8) dy = height - 8 - bottom;
    if (dx !== 0 || dy !== 0) panBy(dx, dy);
  }

  /** The nearest node from the selected one in a direction (its centre in a 90° cone that way). */
  function neighbour(dx, dy) {
    const from = boxes.get(selected);
    if (!from) return undefined;
    const fx = from.x + from.width / 2;
    const fy = from.y + from.height / 2;
    let best;
    let bestScore = Infinity;
    for (const [id, b] of boxes) {
      if (id === selected) continue;
      const vx = b.x + b.width / 2 - fx;
      const vy = b.y + b.height / 2 - fy;
      const along = vx * dx + vy * dy;
      const across = Math.abs(vx * dy - vy * dx);
      if (along <= 0 || across > along) continue;
      const score = along + 2 * across;
      if (score < bestScore) {
        bestScore = score;
        best = id;
      }
    }
    return best;
  }

  stage.addEventListener('keydown', (ev) => {
    const dirs = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    if (dirs[ev.key]) {
      ev.preventDefault();
      const [dx, dy] = dirs[ev.key];
      if (!selected || !nodeElements.has(selected)) {
        const first = graphMessage && graphMessage.graph.nodes[0];
        if (first) select(first.id, false);
        return;
      }
      const next = neighbour(dx, dy);
      if (next) select(next, false);
      else panBy(-dx * 40, -dy * 40);
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      if (selected) {
        ev.preventDefault();
        select(selected, true);
      }
    } else if (ev.key === '+' || ev.key === '=') {
      ev.preventDefault();
      zoomBy(1.25);
    } else if (ev.key === '-') {
      ev.preventDefault();
      zoomBy(0.8);
    } else if (ev.key === '0') {
      ev.preventDefault();
      fit(false);
    } else if ((ev.key === 'ContextMenu' || (ev.shiftKey && ev.key === 'F10')) && selected && nodeElements.has(selected)) {
      // VS Code opens its context menu for the element the event targets: the selected node's.
      ev.preventDefault();
      const box = nodeElements.get(selected).getBoundingClientRect();
      nodeElements.get(selected).dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 }));
    }
  });

  // Zoom with the wheel around the pointer; pan by dragging the background.
  stage.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const rect = stage.getBoundingClientRect();
    zoomBy(ev.deltaY < 0 ? 1.1 : 1 / 1.1, ev.clientX - rect.left, ev.clientY - rect.top);
  }, { passive: false });
  let drag = null;
  stage.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0 || (ev.target instanceof Element && ev.target.closest('.node'))) return;
    drag = { x: ev.clientX, y: ev.clientY };
    stage.setPointerCapture(ev.pointerId);
    stage.classList.add('dragging');
  });
  stage.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    panBy(ev.clientX - drag.x, ev.clientY - drag.y);
    drag = { x: ev.clientX, y: ev.clientY };
  });
  const endDrag = () => {
    drag = null;
    stage.classList.remove('dragging');
  };
  stage.addEventListener('pointerup', endDrag);
  stage.addEventListener('pointercancel', endDrag);

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'graph') {
      graphMessage = message;
      draw();
      if (!view) fit(true);
      else applyView();
      if (selected && nodeElements.has(selected)) nodeElements.get(selected).classList.add('selected');
      root.dataset.selected = selected && nodeElements.has(selected) ? selected : '';
      save();
    } else if (message.type === 'select' && typeof message.node === 'string') {
      if (message.node !== selected) select(message.node, false);
    } else if (message.type === 'status') {
      statusMessage = message;
      draw();
      applyView();
      save();
    }
  });

  if (graphMessage) {
    draw();
    if (view) applyView();
    else fit(true);
  }
  vscode.postMessage({ type: 'ready' });
})();
