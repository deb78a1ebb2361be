/**
 * The Run panel's HTML shell and media: a strict Content Security Policy, no remote resource, and a script that
 * never parses data as HTML (a static check of media/runPanel.js and media/runPanel.css).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeNonce, panelHtml } from '../../client/src/runner/panelHtml';

const ROOT = join(__dirname, '..', '..');
// Stands for webview.cspSource, the origin VS Code serves the extension's own files from (in VS Code an https
// origin of its own, not a remote server); every other source in the policy must be local or none.
const CSP_SOURCE = 'vscode-resource:';

function page(overrides: Partial<Parameters<typeof panelHtml>[0]> = {}): string {
  return panelHtml({
    cspSource: CSP_SOURCE,
    nonce: 'abc123XYZ+/=',
    scriptUri: 'vscode-resource:/ext/media/runPanel.js',
    styleUri: 'vscode-resource:/ext/media/runPanel.css',
    title: 'Run: Deploy',
    ...overrides,
  });
}

/** The policy's directives by name, from the page's CSP meta tag. */
function csp(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'a CSP meta tag');
  const directives = new Map<string, string[]>();
  for (const part of m[1].replace(/&#39;/g, "'").split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values);
  }
  return directives;
}

describe('panel HTML: Content Security Policy', () => {
  it('denies everything by default and allows only the extension\'s style sheet and the nonce\'d script', () => {
    const d = csp(page());
    assert.deepEqual(d.get('default-src'), ["'none'"]);
    assert.deepEqual(d.get('script-src'), ["'nonce-abc123XYZ+/='"]);
    assert.deepEqual(d.get('style-src'), [CSP_SOURCE]);
    for (const [name, values] of d) {
      for (const v of values) {
        assert.ok(!/unsafe-(inline|eval|hashes)/.test(v), `${name} ${v}`);
        assert.ok(!/^(https?:|\*|data:|blob:)/.test(v), `no remote or wildcard source: ${name} ${v}`);
      }
    }
  });

  it('puts the CSP first in <head>, before anything it governs, with charset and language', () => {
    const html = page();
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="UTF-8">\n<meta http-equiv="Content-Security-Policy"/);
  });

  it('loads one script, with the nonce, and no inline script or style', () => {
    const html = page();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script nonce="abc123XYZ+/=" src="vscode-resource:/ext/media/runPanel.js">']);
    assert.match(html, /<script[^>]*><\/script>/, 'the script element has no inline body');
    assert.doesNotMatch(html, /<style\b|\sstyle=/);
    assert.doesNotMatch(html, /https?:/);
  });

  it('has the root the script draws in and a polite live region', () => {
    const html = page();
    assert.match(html, /<main id="root" data-run-status=""/);
    assert.match(html, /id="announce"[^>]*role="status"[^>]*aria-live="polite"/);
  });

  it('escapes the title and the URIs', () => {
    const html = page({ title: 'Run: <script>alert(1)</script> "x"' });
    assert.match(html, /<title>Run: &#60;script&#62;alert\(1\)&#60;\/script&#62; &#34;x&#34;<\/title>/);
    assert.doesNotMatch(html, /<script>alert/);
  });

  it('refuses a nonce or source that could break out of the policy', () => {
    assert.throws(() => page({ nonce: "x' 'unsafe-inline" }));
    assert.throws(() => page({ nonce: '' }));
    assert.throws(() => page({ cspSource: "x; script-src 'unsafe-inline'" }));
    assert.doesNotThrow(() => page({ cspSource: "'self' vscode-resource:" }));
  });
});

describe('panel HTML: nonce', () => {
  it('is base64, long, and new each time', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.match(a, /^[A-Za-z0-9+/]{24}$/);
    assert.notEqual(a, b);
    assert.doesNotThrow(() => page({ nonce: a }));
  });
});

describe('panel media: static checks', () => {
  const script = readFileSync(join(ROOT, 'media', 'runPanel.js'), 'utf8');
  const style = readFileSync(join(ROOT, 'media', 'runPanel.css'), 'utf8');
  // The code without its comments, so that the file's own explanation of what it avoids does not count.
  const code = script.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

  it('the script never parses strings as HTML or code', () => {
    for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function', 'createContextualFragment', 'DOMParser']) {
      assert.ok(!code.includes(sink), sink);
    }
    assert.match(code, /textContent/);
  });

  it('the script sets no inline style (the CSP forbids it) and loads nothing remote', () => {
    assert.doesNotMatch(code, /\.style\b|'style'/);
    assert.doesNotMatch(script, /https?:\/\/|fetch\(|XMLHttpRequest|WebSocket|import\(/);
  });

  it('the style sheet loads nothing and takes its colours from the theme', () => {
    assert.doesNotMatch(style, /@import|url\(|https?:/);
    for (const variable of ['--vscode-testing-iconPassed', '--vscode-testing-iconFailed', '--vscode-foreground', '--vscode-button-background', '--vscode-focusBorder']) {
      assert.ok(style.includes(`var(${variable}`), variable);
    }
    // No colour literal: every colour follows the theme (light, dark, high contrast).
    assert.doesNotMatch(style.replace(/\/\*[\s\S]*?\*\//g, ''), /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i);
  });
});
