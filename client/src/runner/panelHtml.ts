/**
 * The Run panel's HTML shell. Pure: no vscode (the adapter passes the webview's `cspSource` and resource URIs).
 *
 * The shell holds no run data. `media/runPanel.js` draws everything from the state the extension posts, building
 * elements and setting `textContent`, never `innerHTML` with data: step titles, commands and reasons come from
 * the workflow document and could hold markup. The Content Security Policy backs that up: nothing loads but the
 * extension's own style sheet and the one script carrying this page's nonce; no inline style or script, no
 * remote source, no frame, form or connection.
 */
import { randomBytes } from 'node:crypto';

export interface PanelHtmlOptions {
  /** The webview's `cspSource`: the origin VS Code serves the extension's local resources from. */
  cspSource: string;
  /** A fresh value per page load, from `makeNonce`. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
  title: string;
}

/** 144 random bits, base64: unguessable, and every character is allowed in a CSP nonce. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The CSP of the panel: the strictest that lets the page load its own script and style sheet. */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
  ].join('; ');
}

export function panelHtml(opts: PanelHtmlOptions): string {
  // A nonce or source that could close the attribute would let a caller's mistake weaken the policy.
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(opts.nonce)) throw new Error('panelHtml: the nonce must be base64');
  // cspSource is a source list (VS Code's is its resource origin, possibly with 'self'); a ';' would add directives.
  if (/[;"<>\r\n]/.test(opts.cspSource)) throw new Error('panelHtml: cspSource must be a CSP source list');
  const csp = panelCsp(opts.cspSource, opts.nonce);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<link rel="stylesheet" href="${escapeHtml(opts.styleUri)}">`,
    `<title>${escapeHtml(opts.title)}</title>`,
    '</head>',
    '<body>',
    // The script fills #root; #announce is the polite live region that reads status changes to screen readers.
    '<main id="root" data-run-status="" aria-busy="true"></main>',
    '<div id="announce" class="visually-hidden" role="status" aria-live="polite"></div>',
    `<script nonce="${escapeHtml(opts.nonce)}" src="${escapeHtml(opts.scriptUri)}"></script>`,
    '</body>',
    '</html>',
  ].join('\n');
}
