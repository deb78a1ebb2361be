/**
 * Document links: relative paths to other workflow files (plain, in inline code, or as Markdown link targets)
 * and names of other workflows in a "Related workflows" field or section. Also the pieces navigation shares:
 * a workflow's declared names and the related-workflow references of a document.
 */
import { LineFlag } from '../model';
import type { Span, WorkflowModel } from '../model';
import { lineAt } from '../text';
import { isRegExpSpace, tailMatchStart } from '../textScan';
import type { WorkspaceView } from '../workspace';
import { fileStem } from './symbols';
import type { LinkItem } from './types';

// ---------------------------------------------------------------------------------------------
// A workflow's names
// ---------------------------------------------------------------------------------------------

/** A name a workflow goes by, and where it is written (an empty span for the file name). */
export interface WorkflowNameDecl {
  name: string;
  /** 'title': the H1, front-matter title or YAML metadata name; 'name-field': the index entry's Workflow name. */
  kind: 'title' | 'name-field' | 'stem';
  start: number;
  end: number;
}

/** Index-entry labels (normalized) that hold the workflow's name. */
const NAME_FIELD_KEYS = new Set(['workflow name', 'name', 'title']);
/** Index-entry labels and section keys that list related workflows. */
const RELATED_KEYS = new Set(['related workflows', 'related workflow', 'related', 'dependencies']);

/** The span inside one pair of matching quotes or backticks, if the span is wrapped in them. */
export function innerSpan(text: string, start: number, end: number): Span {
  if (end - start >= 2) {
    const open = text[start];
    if ((open === '"' || open === "'" || open === '`') && text[end - 1] === open) return { start: start + 1, end: end - 1 };
  }
  return { start, end };
}

const declCache = new WeakMap<WorkflowModel, WorkflowNameDecl[]>();

/** The names a workflow goes by: its title, its index entry's Workflow name, and its file name. Cached per model. */
export function workflowNames(model: WorkflowModel): WorkflowNameDecl[] {
  let decls = declCache.get(model);
  if (decls) return decls;
  decls = [];
  const { text } = model;
  if (model.title && model.title.text) {
    const inner = innerSpan(text, model.title.start, model.title.end);
    decls.push({ name: model.title.text, kind: 'title', start: inner.start, end: inner.end });
  }
  for (const field of model.indexEntry?.fields ?? []) {
    if (!NAME_FIELD_KEYS.has(field.key) || field.valueStart >= field.valueEnd) continue;
    const inner = innerSpan(text, field.valueStart, field.valueEnd);
    const name = text.slice(inner.start, inner.end).trim();
    if (name && !/[\r\n]/.test(name)) decls.push({ name, kind: 'name-field', start: inner.start, end: inner.end });
    break;
  }
  const stem = fileStem(model.uri);
  if (stem) decls.push({ name: stem, kind: 'stem', start: 0, end: 0 });
  declCache.set(model, decls);
  return decls;
}

/** Every indexed workflow by each of its names (lower case), in index order. */
export interface NameTable {
  lookup(name: string, except?: string): { uri: string; model: WorkflowModel; decl: WorkflowNameDecl } | undefined;
}

export function nameTable(workspace: WorkspaceView): NameTable {
  let table: Map<string, { uri: string; model: WorkflowModel; decl: WorkflowNameDecl }[]> | undefined;
  const build = (): Map<string, { uri: string; model: WorkflowModel; decl: WorkflowNameDecl }[]> => {
    const map = new Map<string, { uri: string; model: WorkflowModel; decl: WorkflowNameDecl }[]>();
    for (const uri of workspace.uris()) {
      const model = workspace.model(uri);
      if (!model) continue;
      for (const decl of workflowNames(model)) {
        const key = decl.name.toLowerCase();
        const list = map.get(key);
        if (list) list.push({ uri, model, decl });
        else map.set(key, [{ uri, model, decl }]);
      }
    }
    return map;
  };
  return {
    lookup(name, except) {
      table ??= build();
      return table.get(name.toLowerCase())?.find((e) => e.uri !== except);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Related-workflow references
// ---------------------------------------------------------------------------------------------

/** One item of a Related workflows list, with the spans that may name a workflow (the longest first). */
export interface RelatedItem {
  candidates: Span[];
}

/** Values that say there is nothing related. */
const NONE_VALUES = /^(none|none known|n\/?a|not applicable|-|tbd|todo)\.?$/i;

/** The items of the document's Related workflows index field and Related Workflows / Dependencies section. */
export function relatedItems(model: WorkflowModel): RelatedItem[] {
  const spans: Span[] = [];
  for (const field of model.indexEntry?.fields ?? []) {
    if (RELATED_KEYS.has(field.key) && field.valueStart < field.valueEnd) spans.push({ start: field.valueStart, end: field.valueEnd });
  }
  for (const section of model.sections) {
    if (!RELATED_KEYS.has(section.key)) continue;
    for (const item of model.md?.listItems ?? []) {
      if (item.start >= section.bodyStart && item.start < section.ownEnd) spans.push({ start: item.contentStart, end: item.firstLineEnd });
    }
  }
  const items: RelatedItem[] = [];
  const { text } = model;
  for (const span of spans) {
    // One item per comma, semicolon or line; list markers and wrapping backticks or quotes are not part of a name.
    const re = /[^,;\r\n]+/g;
    const value = text.slice(span.start, span.end);
    for (let m = re.exec(value); m; m = re.exec(value)) {
      let start = span.start + m.index;
      let end = start + m[0].length;
      const lead = /^\s*(?:[-*+]\s+|\d+[.)]\s+)?/.exec(m[0]);
      start += lead ? lead[0].length : 0;
      while (end > start && /\s/.test(text[end - 1])) end--;
      // A Markdown link is the path's business (see the path links).
      if (start >= end || /^\[[^\]]*\]\(/.test(text.slice(start, end))) continue;
      const candidates: Span[] = [];
      const push = (s: number, e: number): void => {
        while (s < e && /[\s*_]/.test(text[s])) s++;
        while (e > s && /[\s*_.]/.test(text[e - 1])) e--;
        const inner = innerSpan(text, s, e);
        if (inner.start < inner.end && !NONE_VALUES.test(text.slice(inner.start, inner.end))) candidates.push(inner);
      };
      push(start, end);
      // "deploy (runs first)", "deploy — after the release", "deploy: ...": the name is the part before the note.
      const note = noteStart(text.slice(start, end));
      if (note > 0) push(start, start + note);
      if (candidates.length > 0) items.push({ candidates });
    }
  }
  return items;
}

/**
 * Where `/\s+\(|\s+[—–-]\s+|:\s/` matches, or -1: a run of blanks before `(` or before a dash and a blank, or a
 * colon and a blank. By hand, because the expression scanned each run of blanks again from every blank in it.
 */
export function noteStart(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 58 && i + 1 < s.length && isRegExpSpace(s.charCodeAt(i + 1))) return i;
    if (!isRegExpSpace(c)) continue;
    let j = i + 1;
    while (j < s.length && isRegExpSpace(s.charCodeAt(j))) j++;
    const next = s.charCodeAt(j);
    if (next === 40) return i;
    if ((next === 0x2014 || next === 0x2013 || next === 45) && j + 1 < s.length && isRegExpSpace(s.charCodeAt(j + 1))) return i;
    i = j - 1;
  }
  return -1;
}

/** A related-workflow reference that names an indexed workflow. */
export interface RelatedReference {
  start: number;
  end: number;
  name: string;
  uri: string;
  decl: WorkflowNameDecl;
}

/** The document's related-workflow items that name another indexed workflow. */
export function relatedReferences(model: WorkflowModel, table: NameTable): RelatedReference[] {
  const out: RelatedReference[] = [];
  for (const item of relatedItems(model)) {
    for (const span of item.candidates) {
      const name = model.text.slice(span.start, span.end);
      const hit = table.lookup(name, model.uri);
      if (!hit) continue;
      out.push({ start: span.start, end: span.end, name, uri: hit.uri, decl: hit.decl });
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Paths to other workflow files
// ---------------------------------------------------------------------------------------------

/**
 * The Markdown link destinations of a text, `](path)`, `](<path>)`, `](path "title")`, as
 * `/\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g` finds them: `index` and `end` of the whole match,
 * `target` the group. By hand, because the expression scanned to the same `)` again from every `](` before it
 * (`](` repeated); here each scan resumes where the last one for the same purpose stopped.
 */
export function* markdownLinkTargets(text: string): Generator<{ index: number; end: number; target: string }> {
  const n = text.length;
  const blank = (i: number): boolean => isRegExpSpace(text.charCodeAt(i));
  const ends = (i: number): boolean => text[i] === ')' || text[i] === '>' || blank(i);
  const targetEnd = forwardScan(n, ends);
  const afterTarget = forwardScan(n, (i) => !blank(i));
  const afterTitle = forwardScan(n, (i) => !blank(i));
  const quotes = { '"': forwardScan(n, (i) => text[i] === '"'), "'": forwardScan(n, (i) => text[i] === "'") };
  for (let p = text.indexOf(']('); p !== -1; p = text.indexOf('](', p + 1)) {
    let i = p + 2;
    while (i < n && blank(i)) i++;
    let start = text[i] === '<' ? i + 1 : i;
    let end = targetEnd(start);
    if (end === n) return;
    if (end === start) {
      // `<` then no target: without the optional `<`, the target is `<` itself.
      if (start === i) continue;
      start = i;
      end = i + 1;
    }
    const k = text[end] === '>' ? end + 1 : end;
    const j = afterTarget(k);
    let close = -1;
    if (text[j] === ')') close = j;
    else if (j > k && (text[j] === '"' || text[j] === "'")) {
      const quote = quotes[text[j] as '"' | "'"](j + 1);
      const r = quote < n ? afterTitle(quote + 1) : n;
      if (text[r] === ')') close = r;
    }
    if (close === -1) continue;
    yield { index: p, end: close + 1, target: text.slice(start, end) };
    p = close;
  }
}

/**
 * `find(from)`: the first offset at or after `from` that `stops` accepts, else `length`. Queries that do not move
 * backwards reuse the last answer, so a series of them reads each character once.
 */
function forwardScan(length: number, stops: (i: number) => boolean): (from: number) => number {
  let from = -1;
  let at = -1;
  return (start) => {
    if (start < from || start > at) {
      at = start;
      while (at < length && !stops(at)) at++;
    }
    from = start;
    return at;
  };
}
/** A relative path to a workflow file, not part of a longer path or URL. */
const PATH = /(?<![\w./:@~%-])((?:\.{1,2}\/)*[\w@~-][\w.@~%-]*(?:\/[\w.@~%-]+)*\.(?:md|markdown|mdx|ya?ml))(?![\w/-])/gi;

/** A link target without its `?query` or `#fragment` (`/[?#].*$/`). */
function withoutQuery(path: string): string {
  const at = tailMatchStart(path, (c) => c === 63 || c === 35);
  return at === -1 ? path : path.slice(0, at);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Resolves relative paths against the document's folder, else by their trailing segments against the index. */
class PathResolver {
  private byDecoded: Map<string, string> | undefined;
  constructor(
    private readonly uri: string,
    private readonly workspace: WorkspaceView,
  ) {}

  resolve(path: string): string | undefined {
    const clean = decode(withoutQuery(path));
    if (!clean || /^[a-z][a-z0-9+.-]*:/i.test(clean)) return undefined;
    this.byDecoded ??= new Map(this.workspace.uris().map((u) => [decode(u), u]));
    const self = decode(this.uri);
    if (!clean.startsWith('/')) {
      try {
        const resolved = decode(new URL(clean, self).toString());
        const hit = this.byDecoded.get(resolved);
        if (hit !== undefined) return resolved === self ? undefined : hit;
      } catch {
        // Not a hierarchical URI (an untitled document): fall back to the suffix match.
      }
    }
    // Paths written from the repository root (`docs/workflows/x.md`): the indexed file whose path ends with it,
    // the one nearest the document when several do.
    const suffix = '/' + clean.replace(/^(?:\.{1,2}\/)+|^\/+/, '');
    let best: string | undefined;
    let bestShared = -1;
    for (const [decoded, uri] of this.byDecoded) {
      if (decoded === self || !decoded.endsWith(suffix)) continue;
      let shared = 0;
      while (shared < decoded.length && decoded[shared] === self[shared]) shared++;
      if (shared > bestShared) {
        best = uri;
        bestShared = shared;
      }
    }
    return best;
  }
}

export function documentLinks(model: WorkflowModel, workspace: WorkspaceView): LinkItem[] {
  const { text, lineStarts } = model;
  const flags = model.md?.lineFlags;
  const links: LinkItem[] = [];
  const taken = new Set<number>();
  const resolver = new PathResolver(model.uri, workspace);
  // Paths in code blocks are arguments of commands, not references to read.
  const inCode = (offset: number): boolean => !!flags && (flags[lineAt(lineStarts, offset)] & LineFlag.Code) !== 0;
  const addPath = (start: number, end: number): void => {
    if (taken.has(start) || inCode(start)) return;
    const target = resolver.resolve(text.slice(start, end));
    if (target === undefined) return;
    taken.add(start);
    links.push({ start, end, target, tooltip: 'Open workflow file' });
  };

  if (model.kind === 'markdown') {
    for (const m of markdownLinkTargets(text)) {
      const start = m.index + text.slice(m.index, m.end).indexOf(m.target, 2);
      const pathOnly = withoutQuery(m.target);
      if (/\.(md|markdown|mdx|ya?ml)$/i.test(pathOnly)) addPath(start, start + pathOnly.length);
    }
  }
  PATH.lastIndex = 0;
  for (let m = PATH.exec(text); m; m = PATH.exec(text)) addPath(m.index, m.index + m[1].length);

  const items = relatedItems(model);
  if (items.length > 0) {
    const table = nameTable(workspace);
    for (const ref of relatedReferences(model, table)) {
      if (taken.has(ref.start)) continue;
      taken.add(ref.start);
      links.push({ start: ref.start, end: ref.end, target: ref.uri, tooltip: `Open workflow "${ref.decl.name}"` });
    }
  }
  return links.sort((a, b) => a.start - b.start);
}
