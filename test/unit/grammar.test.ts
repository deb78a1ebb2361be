/**
 * The Markdown injection grammar (syntaxes/wfs-markdown.injection.tmLanguage.json), tokenized by the engine VS
 * Code uses (vscode-textmate with Oniguruma) on top of a small host grammar shaped like VS Code's Markdown
 * grammar: a heading rule, fenced code blocks and paragraphs with bold text. The real Markdown grammar ships
 * inside VS Code only; the end-to-end suite checks the colours there.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..');
const INJECTION = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'wfs-markdown.injection.tmLanguage.json'), 'utf8')) as textmate.IRawGrammar & { injectionSelector: string };

const HOST_MARKDOWN = {
  scopeName: 'text.html.markdown',
  patterns: [{ include: '#fenced' }, { include: '#heading' }, { include: '#paragraph' }],
  repository: {
    fenced: {
      begin: '(^|\\G)(\\s*)(`{3,})\\s*(\\w*).*$',
      end: '(^|\\G)(\\2)(\\3)\\s*$',
      name: 'markup.fenced_code.block.markdown',
    },
    heading: {
      match: '(?:^|\\G)[ ]{0,3}(#{1,6}\\s+(.*?)(\\s+#{1,6})?\\s*)$',
      name: 'markup.heading.markdown',
      captures: { '2': { name: 'entity.name.section.markdown' } },
    },
    paragraph: {
      begin: '(^|\\G)[ ]{0,3}(?=[^ \\t\\n])',
      while: '(^|\\G)(?=[^ \\t\\n])(?!`{3,}|#)',
      name: 'meta.paragraph.markdown',
      patterns: [
        { match: '(`)([^`]*)(`)', name: 'markup.inline.raw.string.markdown' },
        { match: '(\\*\\*)([^*]+)(\\*\\*)', name: 'markup.bold.markdown' },
      ],
    },
  },
};

let grammar: textmate.IGrammar;

/** The scopes of the text `part` on `line` (of the document `lines`): every token it spans must agree. */
function scopesOf(lines: string[], lineNo: number, part: string): string[] {
  let stack = textmate.INITIAL;
  let tokens: textmate.IToken[] = [];
  for (let i = 0; i <= lineNo; i++) {
    const r = grammar.tokenizeLine(lines[i], stack);
    stack = r.ruleStack;
    tokens = r.tokens;
  }
  const at = lines[lineNo].indexOf(part);
  assert.ok(at >= 0, `"${part}" is on line ${lineNo}`);
  const covering = tokens.filter((t) => t.startIndex < at + part.length && t.endIndex > at);
  const first = covering[0].scopes;
  for (const t of covering) assert.deepEqual(t.scopes, first, `"${part}" is one token kind`);
  return first;
}

const DOC = [
  '# Deploy api',
  '',
  '### 1. Build the bundle (Automated)',
  '**Actor**: System',
  '**Duration**: ~5 minutes',
  '',
  '```bash',
  '# TODO inside code stays code',
  'npm run build',
  '```',
  '',
  '**Validation**: `ls dist` shows the TODO later',
  'TODO: decide who approves',
  '',
  '## Step 2: Announce',
  '',
  'Not applicable for this workflow: nothing is announced.',
  '',
  'A TODOS word, an xTODO and a **bold** word are plain.',
  '- **Category:** Sync',
];

describe('Markdown injection grammar', () => {
  before(async () => {
    const wasm = readFileSync(join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => {
        if (scopeName === 'text.html.markdown') return textmate.parseRawGrammar(JSON.stringify(HOST_MARKDOWN), 'markdown.json');
        if (scopeName === INJECTION.scopeName) return textmate.parseRawGrammar(JSON.stringify(INJECTION), 'injection.json');
        return null;
      },
      getInjections: (scopeName: string) => (scopeName === 'text.html.markdown' ? [INJECTION.scopeName] : undefined),
    });
    const loaded = await registry.loadGrammar('text.html.markdown');
    assert.ok(loaded);
    grammar = loaded;
  });

  it('injects into Markdown outside code, as package.json declares', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { grammars: { scopeName: string; path: string; injectTo: string[] }[] } };
    const entry = pkg.contributes.grammars.find((g) => g.scopeName === INJECTION.scopeName);
    assert.deepEqual(entry && [entry.path, entry.injectTo], ['./syntaxes/wfs-markdown.injection.tmLanguage.json', ['text.html.markdown']]);
    assert.match(INJECTION.injectionSelector, /^L:text\.html\.markdown -markup\.fenced_code/);
  });

  it('highlights a step heading: number, title and mode', () => {
    assert.ok(scopesOf(DOC, 2, '1.').includes('constant.numeric.step-number.wfs'));
    assert.ok(scopesOf(DOC, 2, 'Build the bundle').includes('entity.name.function.step.wfs'));
    assert.ok(scopesOf(DOC, 2, 'Build the bundle').includes('markup.heading.markdown'));
    assert.ok(scopesOf(DOC, 2, '(Automated)').includes('storage.modifier.step-mode.wfs'));
    assert.ok(scopesOf(DOC, 14, '2:').includes('constant.numeric.step-number.wfs'));
    assert.ok(scopesOf(DOC, 14, 'Announce').includes('entity.name.function.step.wfs'));
  });

  it('leaves other headings to Markdown', () => {
    const scopes = scopesOf(DOC, 0, 'Deploy api');
    assert.ok(scopes.includes('markup.heading.markdown'));
    assert.ok(!scopes.some((s) => s.endsWith('.wfs')), scopes.join(' '));
  });

  it('highlights **Field**: labels, with the colon inside or outside the bold', () => {
    assert.ok(scopesOf(DOC, 3, 'Actor').includes('support.type.property-name.field.wfs'));
    assert.ok(scopesOf(DOC, 4, 'Duration').includes('support.type.property-name.field.wfs'));
    assert.ok(scopesOf(DOC, 11, 'Validation').includes('support.type.property-name.field.wfs'));
    assert.ok(scopesOf(DOC, 19, 'Category:').includes('support.type.property-name.field.wfs'));
    assert.ok(!scopesOf(DOC, 3, 'System').some((s) => s.endsWith('.wfs')));
  });

  it('highlights TODO markers as words, and not inside code', () => {
    assert.ok(scopesOf(DOC, 12, 'TODO').includes('keyword.other.todo.wfs'));
    assert.ok(scopesOf(DOC, 11, 'TODO').includes('keyword.other.todo.wfs'));
    assert.ok(!scopesOf(DOC, 7, 'TODO').includes('keyword.other.todo.wfs'));
    assert.ok(!scopesOf(DOC, 18, 'TODOS').includes('keyword.other.todo.wfs'));
    assert.ok(!scopesOf(DOC, 18, 'xTODO').includes('keyword.other.todo.wfs'));
  });

  it('marks "Not applicable" lines', () => {
    assert.ok(scopesOf(DOC, 16, 'Not applicable for this workflow').includes('comment.line.not-applicable.wfs'));
    assert.ok(!scopesOf(DOC, 18, 'plain').includes('comment.line.not-applicable.wfs'));
  });
});
