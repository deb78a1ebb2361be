/**
 * Unfilled placeholders: the fill-ins a template or an author left for the reader to replace, in prose and in
 * code. What counts:
 *
 * - `<SERVICE_NAME>`, `<intent-id>`, `<e.g. api-prod>`: a name in angle brackets (not an HTML or JSX tag, an
 *   autolink, a generic type such as `Promise<string>`, a heredoc or a comparison);
 * - `[Title]`, `[YYYY-MM-DD]`, `[command here]`: a slot in square brackets (not a link, a checkbox, a footnote, a
 *   regular-expression class, a shell test, a yes/no choice, a log level, or a list in YAML or program code);
 * - `{N}`, `{slug}`, `v{N}` in prose and shell, `{{var}}` outside code, `${name-with-hyphens}`;
 * - masks and stand-in values: `YYYY-MM-DD`, `HH:MM`, `XXX`, `vx.x.x`, `your-server`, `your_password_here`,
 *   `CHANGE_ME`, `REDACTED`, `***` as a value, `sk-...`, `postgresql://...`, `REPO=REPO_NAME`, an elided line `...`.
 *
 * Shell and CI variables (`$VAR`, `${VAR}`, `${{ secrets.X }}`) and runtime expressions (`{{steps.x.output}}`) are
 * values the runner or the shell fills in, not the reader. Every regular expression here sees one line at a time.
 */
import { LineFlag } from '../model';
import type { Frontmatter, MdBlocks, MdCodeBlock } from '../model';
import { detached, lastStartingAtOrBefore, lineAt, lineEnd } from '../text';
import { isRegExpSpace } from '../textScan';

export interface Placeholder {
  /** The placeholder as written (`<REPO_NAME>`, `[Title]`, `YYYY-MM-DD`...). */
  text: string;
  start: number;
  end: number;
  /** Inside a code block (or the front matter). */
  inCode: boolean;
}

const HTML_TAGS = new Set([
  'a', 'abbr', 'address', 'area', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'body', 'br', 'button',
  'canvas', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'data', 'dd', 'del', 'details', 'dfn', 'dialog', 'div', 'dl',
  'dt', 'em', 'embed', 'fieldset', 'figcaption', 'figure', 'font', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head',
  'header', 'hr', 'html', 'i', 'iframe', 'img', 'input', 'ins', 'kbd', 'label', 'legend', 'li', 'link', 'main', 'map', 'mark',
  'menu', 'meta', 'meter', 'nav', 'noscript', 'object', 'ol', 'optgroup', 'option', 'output', 'p', 'param', 'picture', 'pre',
  'progress', 'q', 's', 'samp', 'script', 'section', 'select', 'slot', 'small', 'source', 'span', 'strike', 'strong', 'style',
  'sub', 'summary', 'sup', 'svg', 'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th', 'thead', 'time', 'title', 'tr',
  'track', 'tt', 'u', 'ul', 'var', 'video', 'wbr', 'path', 'g', 'rect', 'circle', 'line', 'polygon', 'use',
]);

/** Code languages whose brackets and braces are the language's own (arrays, indexing, objects, f-strings). */
const PROGRAM_LANGS = new Set([
  'js', 'javascript', 'jsx', 'ts', 'typescript', 'tsx', 'mjs', 'cjs', 'json', 'jsonc', 'json5', 'yaml', 'yml', 'toml', 'py',
  'python', 'rb', 'ruby', 'go', 'golang', 'rust', 'rs', 'java', 'kotlin', 'kt', 'swift', 'c', 'cpp', 'c++', 'cs', 'csharp',
  'php', 'scala', 'lua', 'r', 'dart', 'elixir', 'ex', 'hcl', 'terraform', 'tf', 'groovy', 'vue', 'svelte', 'html', 'xml', 'css',
  'scss', 'jinja', 'jinja2', 'handlebars', 'hbs', 'liquid', 'mermaid', 'graphql', 'proto', 'ini', 'conf', 'nginx', 'dockerfile',
  'makefile', 'make',
]);
/** SQL: `[identity].[Users]` is a quoted name there. */
const SQL_LANGS = new Set(['sql', 'psql', 'postgresql', 'postgres', 'pgsql', 'plpgsql', 'mysql', 'tsql', 'sqlite']);

/** Words in square brackets that are a log level or a status in output, not a slot. */
const LOG_WORDS = new Set(['unreleased', 'toc', 'skip ci', 'ci skip', 'no ci', 'info', 'warn', 'warning', 'error', 'err', 'debug', 'trace', 'fatal', 'ok', 'fail', 'failed', 'pass', 'passed', 'success', 'done', 'note', 'tip', 'important', 'caution', 'skip', 'skipped', 'todo', 'wip', 'draft', 'deprecated', 'new', 'beta', 'alpha']);

/** A yes/no choice offered to the reader: `[y/N]`, `[Ja/Nein]`, `[oui/non]`. */
const YES_NO = /^(?:y|yes|j|ja|s|si|sí|o|oui|d|da|n|no)\/(?:n|no|nein|non|net|y|yes)$/i;

// Runtime expressions of workflow engines and CI: filled in when the workflow runs, not by the reader.
const RUNTIME_ROOTS = /^\s*\$?\.?(?:steps|inputs|outputs|env|secrets|vars|github|matrix|needs|runner|job|jobs|strategy|context|params|parameters|item|items|values|workflow|trigger|node|json|input|output)\b/;

const ANGLE = /<([^<>\n]{1,160})>/g;
const BRACKET = /\[([^[\]\n]{1,240})\]/g;
const BRACE = /\{([\p{L}_][\p{L}\p{N} _.\-/]{0,40})\}/gu;
const DOUBLE_BRACE = /\{\{([^{}\n]{1,80})\}\}/g;
const SHELL_HYPHEN_VAR = /\$\{([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\}/g;
// Masks and stand-in values, each a whole token, with what its line must contain for it to match (a quick test
// before the pattern: most lines hold none of them).
const MASKS: { re: RegExp; cue: string | RegExp }[] = [
  { re: /(?<![A-Za-z0-9/.])(?:YYYY(?:[-/.]?MM(?:[-/.]?DD)?)?(?:[-_ T]?HH(?::?MM(?::?SS)?)?)?)(?![A-Za-z0-9])/g, cue: 'YYYY' },
  // A password in a connection string written as a word in capitals: `postgresql://app:PASSWORD@db:5432`.
  { re: /(?<=:\/\/[^\s:@/]*:)[A-Z][A-Z_]{3,}(?=@)/g, cue: '://' },
  { re: /(?<![\w:])HH:MM(?::SS)?(?!\w)/g, cue: 'HH:MM' },
  { re: /(?<![A-Za-z])X{3,}(?![A-Za-z])/g, cue: 'XXX' },
  { re: /(?<![\w.])v?x\.x\.x(?![\w.])/gi, cue: /\.[xX]\./ },
  { re: /(?<![\w-])your[-_][a-z][\w.-]*|(?<![\w-])your(?!self|s\b|selves)[a-z][\w-]*\.[a-z]{2,}(?:\/\S*)?/gi, cue: /[yY][oO][uU][rR]/ },
  { re: /(?<![\w-])(?:seu|sua|seus|suas|tu|tus)[-_][a-z][\w.-]*/gi, cue: /(?:[sS][eE][uU]|[sS][uU][aA]|[tT][uU])[sS]?[-_]/ },
  { re: /(?<![\w-])[\w-]*_here(?!\w)/g, cue: '_here' },
  { re: /(?<![\w-])generated_[a-z_]+(?!\w)/g, cue: 'generated_' },
  { re: /(?<![\w-])change[-_]?me(?:[-_][\w-]+)?(?!\w)/gi, cue: /[cC][hH][aA][nN][gG][eE]/ },
  { re: /(?<![\w-])REDACTED\w*/g, cue: 'REDACTED' },
  { re: /(?<![\w-])(?:REPLACE[_-]?ME|replace_with_\w+|PLACEHOLDER)(?!\w)/g, cue: /REPLACE|replace_with_|PLACEHOLDER/ },
  { re: /(?<==\s{0,2})\*{3,}(?=\s|$)/g, cue: '***' },
  { re: /(?<![\w.-])[A-Za-z][\w]*-\.\.\.(?!\.)/g, cue: '-...' },
  { re: /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/\.\.\.(?:@[\w./-]*)?/g, cue: '://...' },
  { re: /(?<![\w$])([A-Z][A-Z0-9_]*)=\1(?![\w])/g, cue: /=[A-Z]/ },
  { re: /(?<![\w])[XYZN](?=\s+(?:findings?|minutes?|mins?|hours?|days?|seconds?|items?|times|repos?|projects?)\b)/g, cue: /[XYZN]\s/ },
  { re: /(?<![\w])[XN](?=分钟|分|時間|秒|天|日|个|件)/g, cue: /[XN][分時秒天日个件]/ },
];
// In shell code, a quoted name of a connection string where the string belongs: `psql "DATABASE_URL"`.
const QUOTED_ENV_NAME = /(?<![\w${])(["'])([A-Z][A-Z0-9]*_(?:URL|URI|DSN|HOST|CONNECTION_STRING))\1/g;
// In shell code, a constant-like name standing for a value: `--hosted-zone-id ZONE_ID`, `REPO=REPO_NAME`.
const NAME_SLOT = /(?<![\w${./-])([A-Z][A-Z0-9]*_(?:NAME|ID|HERE|ME|VALUE))(?![\w=(])/g;
// Box-drawing characters: a tree or a diagram, whose brackets and angle brackets name its own parts.
const DIAGRAM = /[─│└├┌┐┘┬┴┼▶►]/;
// A comment that only holds the place of a command: `# Command`, `# your command here`.
const COMMAND_SLOT = /^\s*(?:#|\/\/|--|rem\s)\s*(?:your\s+)?commands?(?:\s+here)?\s*$/i;

/**
 * What every placeholder above needs somewhere in its line: a bracket or brace, an ellipsis, a mask's letters, a
 * stand-in's word. A line with none of them has no placeholder, and most lines of a document have none, so the
 * per-line patterns run on the few lines that have a cue (see cueLines). A superset of what the patterns match: a
 * cue that finds nothing costs one line's scan, a missing cue a placeholder. Words are looked for in lower, Title
 * and UPPER case. Two patterns, not one: an alternative that starts with a common lower-case letter slows a
 * pattern's search over the whole text several times.
 */
const CUES: readonly RegExp[] = [
  /[<[{…_]|\.\.\.|\.[xX]\.|:\/\/|\*\*\*|=[A-Z]|YYYY|HH:MM|XXX|REDACTED|REPLACE|PLACEHOLDER|(?<!\w)[XYZN](?:\s|[分時秒天日个件])/g,
  /[yY]our|YOUR|[cC]hange[-_]?[mM]e|CHANGE[-_]?ME/g,
];

/** 1 for each line with a cue: one pass of each pattern over the text, skipping to the next line on a hit. */
function cueLines(text: string, lineStarts: readonly number[]): Uint8Array {
  const marks = new Uint8Array(lineStarts.length);
  const mark = (at: number): number => {
    const line = lineAt(lineStarts, at);
    marks[line] = 1;
    return line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
  };
  for (const re of CUES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) re.lastIndex = mark(m.index);
  }
  // `seu-dominio.com`, `tu-servidor` (the `_` forms have their cue above): each hyphen's word, read backwards.
  // A hyphen right after a hyphen ends no word: a run (a table's `|------|`, a rule) is passed over at once.
  for (let at = text.indexOf('-'); at >= 0; at = text.indexOf('-', at + 1)) {
    if (endsWithLocalYour(text, at)) at = mark(at) - 1;
    else while (text.charCodeAt(at + 1) === 45) at++;
  }
  return marks;
}

/** `seu`, `sua`, `tu`, or their plurals, as a whole word right before `at`. */
function endsWithLocalYour(text: string, at: number): boolean {
  let i = at - 1;
  if ((text.charCodeAt(i) | 32) === 115 /* s */) i--;
  const c1 = text.charCodeAt(i) | 32;
  const c2 = text.charCodeAt(i - 1) | 32;
  let wordStart: number;
  if (c1 === 117 /* u */ && c2 === 116 /* t */) wordStart = i - 1;
  else if ((c1 === 117 && c2 === 101 /* e */) || (c1 === 97 /* a */ && c2 === 117)) {
    if ((text.charCodeAt(i - 2) | 32) !== 115) return false;
    wordStart = i - 2;
  } else return false;
  const before = text.charCodeAt(wordStart - 1);
  return !isWordChar(before) && before !== 45;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

interface LineContext {
  /** The language of the code block the line is in ('' for an untagged block), or undefined in prose. */
  lang?: string;
  frontmatter: boolean;
}

/** The unfilled placeholders of a Markdown document, in document order. */
export function findPlaceholders(text: string, lineStarts: readonly number[], md: MdBlocks | undefined, frontmatter: Frontmatter | undefined): Placeholder[] {
  const out: Placeholder[] = [];
  const definitions = referenceDefinitions(text, lineStarts, md);
  // `<HARD-GATE>` closed by `</HARD-GATE>` somewhere is a tag of the document's own, not a slot.
  const tags = new Set<string>();
  if (text.includes('</')) for (const m of text.matchAll(/<\/([A-Za-z][\w-]{0,40})>/g)) tags.add(m[1].toLowerCase());
  const fmFirst = frontmatter ? lineAt(lineStarts, frontmatter.contentStart) : -1;
  const fmLast = frontmatter ? lineAt(lineStarts, Math.max(frontmatter.contentStart, frontmatter.contentEnd - 1)) : -2;
  const cues = cueLines(text, lineStarts);
  // Without reference definitions or closed tags of its own, a line reads the same in every document: the cache
  // shared by all documents (and all versions of one) serves it. Otherwise the document's own.
  const seen = definitions.size === 0 && tags.size === 0 ? sharedLines : new Map<string, readonly Found[]>();
  const blocks = md ? [...md.codeBlocks].sort((a, b) => a.contentStart - b.contentStart) : [];
  for (let line = 0; line < lineStarts.length; line++) {
    const ls = lineStarts[line];
    const code = md !== undefined && (md.lineFlags[line] & LineFlag.Code) !== 0;
    // A code line without a cue can still be a comment holding a command's place (`# command here`).
    if (!cues[line] && !(code && mayBeCommandSlot(text, ls))) continue;
    const le = lineEnd(text, lineStarts, line);
    if (le <= ls) continue;
    const raw = text.slice(ls, le);
    const ctx: LineContext = { lang: code ? blockLanguage(blocks, ls) : undefined, frontmatter: line >= fmFirst && line <= fmLast };
    // The same line in the same place (a command repeated in every step, a table's filler row) reads the same.
    const key = `${ctx.frontmatter ? 'f' : ctx.lang === undefined ? 'p' : `c${ctx.lang}`}\n${raw}`;
    let found = seen.get(key);
    if (!found) {
      found = scanLine(raw, ctx, definitions, tags);
      if (seen === sharedLines) {
        if (sharedLines.size >= SHARED_LINES_LIMIT) sharedLines.clear();
        // The key outlives the document: it must not hold the document's text.
        if (key.length <= SHARED_LINE_LENGTH) sharedLines.set(detached(key), found);
      } else seen.set(key, found);
    }
    for (const f of found) out.push({ text: raw.slice(f.start, f.end), start: ls + f.start, end: ls + f.end, inCode: f.inCode });
  }
  return out;
}

interface Found {
  start: number;
  end: number;
  inCode: boolean;
}

/**
 * What scanLine found on a line in a context, for documents without reference definitions and closed tags: the
 * same lines recur on every edit of a document and across the documents of a repository. Bounded: cleared when
 * full, and long lines are not kept.
 */
const sharedLines = new Map<string, readonly Found[]>();
const SHARED_LINES_LIMIT = 8192;
const SHARED_LINE_LENGTH = 400;

const NONE: readonly Found[] = [];

/** The placeholders of one line (offsets in the line), in order. */
function scanLine(raw: string, ctx: LineContext, definitions: ReadonlySet<string>, tags: ReadonlySet<string>): readonly Found[] {
  const inCode = ctx.lang !== undefined || ctx.frontmatter;
  const program = ctx.frontmatter || (ctx.lang !== undefined && PROGRAM_LANGS.has(ctx.lang));
  const found: Found[] = [];
  const bracket = raw.includes('[');
  const brace = raw.includes('{');
  // Three or more bracketed words in a row are a set of tags (`[Backend] [Frontend] [QA]`), not slots.
  const tagSet = bracket ? bracketRun(raw) : undefined;
  const add = (start: number, end: number): void => {
    if (found.some((f) => start < f.end && end > f.start)) return;
    found.push({ start, end, inCode });
  };

  // An elided line ("..."), or a comment that holds the place of a command.
  if (inCode && /^\s*(?:\.\.\.|…)\s*$/.test(raw)) add(raw.indexOf(raw.trim()), raw.length);
  if (inCode && !program && COMMAND_SLOT.test(raw)) add(raw.search(/\S/), raw.trimEnd().length);
  // A reference definition with no target: `[Check]: # (link here)`.
  const def = bracket && raw.includes(']:') ? /^\s{0,3}\[([\p{L}][\p{L}\p{N} .,'-]*)\]:\s*(?:(?:#|<>)\s*)?(?:\([^)]*\)\s*)?$/u.exec(raw) : null;
  if (!inCode && def) add(raw.indexOf('['), raw.indexOf(']') + 1);

  const diagram = DIAGRAM.test(raw);
  if (!diagram && raw.includes('<')) {
    for (const m of raw.matchAll(ANGLE)) if (isAnglePlaceholder(raw, m.index!, m[1], tags)) add(m.index!, m.index! + m[0].length);
  }
  if (bracket && !(def && !inCode) && !diagram && !(ctx.lang !== undefined && SQL_LANGS.has(ctx.lang))) {
    for (const m of raw.matchAll(BRACKET)) {
      if (tagSet && m.index! >= tagSet.start && m.index! < tagSet.end) continue;
      if (isBracketPlaceholder(raw, m.index!, m[1], program, inCode, definitions)) add(m.index!, m.index! + m[0].length);
    }
  }
  if (brace && !program) {
    for (const m of raw.matchAll(BRACE)) {
      const i = m.index!;
      const before = raw.charAt(i - 1);
      if (before === '{' || before === '$' || before === '\\' || before === '%' || before === '@' || raw.charAt(i + m[0].length) === '}') continue;
      // `{readFileSync}`, `{STUDIO_NAME}`: a name in code (destructuring, JSX), not a slot.
      if (/^[a-z]+[A-Z]\w*$/.test(m[1]) || /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(m[1])) continue;
      add(i, i + m[0].length);
    }
  }
  if (brace && !inCode) {
    for (const m of raw.matchAll(DOUBLE_BRACE)) {
      const c = m[1];
      // Template engines' own expressions: `{{ $value }}`, `{{.Names}}`, `{{ x | filter }}`, a string's `"{{id}}"`.
      if (RUNTIME_ROOTS.test(c) || !/[\p{L}]/u.test(c) || /[$|]/.test(c) || /^\s*\./.test(c) || /["'$}]/.test(raw.charAt(m.index! - 1))) continue;
      if (/^\s*(?:end|else|range|if|with|define|block|template)\b/.test(c)) continue;
      add(m.index!, m.index! + m[0].length);
    }
  }
  if (brace) for (const m of raw.matchAll(SHELL_HYPHEN_VAR)) add(m.index!, m.index! + m[0].length);
  for (const { re, cue } of MASKS) {
    if (typeof cue === 'string' ? !raw.includes(cue) : !cue.test(raw)) continue;
    for (const m of raw.matchAll(re)) {
      const start = m.index!;
      add(start, start + m[0].length);
    }
  }
  if (inCode && !program && !ctx.frontmatter && raw.includes('_')) {
    for (const m of raw.matchAll(QUOTED_ENV_NAME)) add(m.index!, m.index! + m[0].length);
    for (const m of raw.matchAll(NAME_SLOT)) if (!insideQuotes(raw, m.index!)) add(m.index!, m.index! + m[0].length);
  }

  if (found.length === 0) return NONE;
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Where `/(?:\[[^\]\n]{1,20}\]\s*){3,}/` matches in `raw` (three or more short bracketed words in a row), or
 * undefined. Each group is decided by its first `]`, so a chain is read without backtracking; a chain of fewer than
 * three groups is left after at most two, which keeps the scan linear.
 */
export function bracketRun(raw: string): { start: number; end: number } | undefined {
  for (let start = raw.indexOf('['); start >= 0; start = raw.indexOf('[', start + 1)) {
    let at = start;
    let groups = 0;
    for (;;) {
      if (raw.charCodeAt(at) !== 91) break;
      let close = at + 1;
      while (close < raw.length && close - at <= 21 && raw.charCodeAt(close) !== 93 && raw.charCodeAt(close) !== 10) close++;
      if (close === at + 1 || close - at > 21 || raw.charCodeAt(close) !== 93) break;
      at = close + 1;
      while (at < raw.length && isRegExpSpace(raw.charCodeAt(at))) at++;
      groups++;
    }
    if (groups >= 3) return { start, end: at };
  }
  return undefined;
}

function isAnglePlaceholder(raw: string, index: number, content: string, tags: ReadonlySet<string>): boolean {
  const before = raw.charAt(index - 1);
  // `Promise<string>`, `Record<K, V>`: a type argument; `<<EOF`: a heredoc.
  if (/[A-Za-z0-9<]/.test(before)) return false;
  if (/^\s|\s$/.test(content)) return false;
  if (!/[\p{L}]/u.test(content)) return false;
  // `<!-- -->`, `</div>`, `<?xml`, `<%= %>`, `<=`, `<-`, arrows and self-closing tags.
  if (/^[!/?%=\-#]/.test(content) || /[/=\-]$/.test(content)) return false;
  // Autolinks and e-mail addresses.
  if (/:\/\//.test(content) || /^[^\s@]+@[^\s@]+\.[a-z]+$/i.test(content)) return false;
  // HTML and JSX tags: a known tag name, or attributes (`<Video src="..." />`, `<div class=x>`).
  if (/=/.test(content)) return false;
  const name = /^([A-Za-z][\w-]*)/.exec(content)?.[1];
  if (name && HTML_TAGS.has(name.toLowerCase()) && (content === name || /^[A-Za-z][\w-]*\s+[\w-]+(?:\s|$)/.test(content))) return false;
  if (name && content === name && tags.has(name.toLowerCase())) return false;
  return true;
}

function isBracketPlaceholder(raw: string, index: number, content: string, program: boolean, inCode: boolean, definitions: ReadonlySet<string>): boolean {
  const before = raw.charAt(index - 1);
  const after = raw.charAt(index + content.length + 2);
  // Links `[text](url)`, `[text][ref]`, images `![alt]`, wiki links `[[Page]]`, indexing `a[0]`, `arr[@]`.
  if (after === '(' || after === '[' || after === ']' || before === '[' || before === '!' || /[A-Za-z0-9)\]`$}]/.test(before)) return false;
  // In code and data, brackets are the language's own, except inside a string ("[fill me]").
  if (program && before !== '"' && before !== "'") return false;
  const c = content;
  // Checkboxes, shell tests `[ -f x ]`, footnotes `[^1]`, alerts `[!NOTE]`, regex classes `[a-z]`, `[^...]`.
  if (/^[ xX✓✔-]?$/.test(c) || /^\s|\s$/.test(c) || /^[\^!]/.test(c) || /^[\w\\]-[\w\\][^\s]{0,10}$/.test(c) || c.includes('\\')) return false;
  if (!/[\p{L}]|\.\.\./u.test(c)) return false;
  // An array or object literal (`['a', 'b']`, `[{...}]`, `[...items]`), an attribute selector (`[data-id="x"]`).
  if (/^["'{]/.test(c) || (/^\.\.\.\w/.test(c)) || /^[\w-]+=["']/.test(c)) return false;
  // A YAML flow list after a key: `tags: [a, b]` in code, `branches: [main]` after a lower-case key anywhere.
  const prefix = raw.slice(0, index);
  if ((inCode && /:\s?$/.test(prefix) && c.includes(',')) || /^\s*[a-z_][\w-]*:\s?$/.test(prefix)) return false;
  // A dotted reference (`[tool.pytest.ini_options]`, `[var.instance_type]`), an elided array (`= [...]`).
  if (/^\w+(?:\.\w+)+$/.test(c) || (c === '...' && /[=(,]\s*$/.test(prefix))) return false;
  // Output of `echo "... [FAILED]"`: a label in what the command prints.
  if (/\b(?:echo|printf)\b/.test(prefix) && insideQuotes(raw, index)) return false;
  // A choice offered to the reader (`[y/N]`, `[Ja/Nein]`), a tag (`[P0]`), a log level (`[INFO]`).
  if (YES_NO.test(c) || /^[A-Z]\d{1,2}$/.test(c) || LOG_WORDS.has(c.toLowerCase())) return false;
  // A tag in front of a title: "# [Workflow] Web App Deployment", `title: "[Runbook] Restore"`.
  if (/^(?:\s*#{1,6}\s+|\s*title:\s*["']?)$/.test(raw.slice(0, index)) && /^[\p{L}][\p{L}\p{N}-]*$/u.test(c) && /^\s*\S/.test(raw.slice(index + c.length + 2))) return false;
  // A shortcut reference link whose definition is in the document.
  if (definitions.has(c.trim().toLowerCase())) return false;
  return true;
}

/** An odd number of double quotes before `index` on the line: inside a string. */
function insideQuotes(raw: string, index: number): boolean {
  let n = 0;
  for (let i = 0; i < index; i++) if (raw.charCodeAt(i) === 34 && raw.charCodeAt(i - 1) !== 92) n++;
  return n % 2 === 1;
}

/** The language of the code block whose content holds `offset` ('' for untagged and indented blocks). */
function blockLanguage(blocks: readonly MdCodeBlock[], offset: number): string | undefined {
  const at = lastStartingAtOrBefore(blocks, offset, (b) => b.contentStart);
  return at >= 0 && offset < blocks[at].contentEnd ? blocks[at].lang : undefined;
}

/**
 * A line COMMAND_SLOT may match: after indentation, `#`, `//`, `--` or `rem`, then blanks and the first letter of
 * `your` or `command`. Code is full of comments that describe (`# Restart the service`): they have no cue either.
 */
function mayBeCommandSlot(text: string, at: number): boolean {
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
  const c = text.charCodeAt(at);
  if (c === 35) at++;
  else if ((c === 47 && text.charCodeAt(at + 1) === 47) || (c === 45 && text.charCodeAt(at + 1) === 45)) at += 2;
  else if ((c | 32) === 114 && (text.charCodeAt(at + 1) | 32) === 101 && (text.charCodeAt(at + 2) | 32) === 109) at += 3;
  else return false;
  while (at < text.length && isRegExpSpace(text.charCodeAt(at))) at++;
  const first = text.charCodeAt(at) | 32;
  return first === 99 /* c */ || first === 121 /* y */;
}

/** Labels of the reference definitions `[label]: target` (shortcut links to them are links, even to `#`). */
function referenceDefinitions(text: string, lineStarts: readonly number[], md: MdBlocks | undefined): Set<string> {
  const out = new Set<string>();
  if (text.indexOf(']:') === -1) return out;
  for (let line = 0; line < lineStarts.length; line++) {
    if (md && md.lineFlags[line] & LineFlag.Code) continue;
    const raw = text.slice(lineStarts[line], lineEnd(text, lineStarts, line));
    const m = /^\s{0,3}\[([^\]\n]+)\]:\s*(\S+)/.exec(raw);
    if (m) out.add(m[1].trim().toLowerCase());
  }
  return out;
}
