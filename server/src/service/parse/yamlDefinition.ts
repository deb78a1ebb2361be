/**
 * YAML workflow definitions (seed 003 and real-world variants): one `yaml` parse, one walk.
 *
 * The walk over the document builds the plain data (what `toJS` would give) and, for the `steps`
 * sequence, the model's `Step` objects with exact ranges. The JSON-pointer maps of every node's
 * range (`pathRanges`/`keyRanges`) are only needed when a rule reports something, so they are
 * filled on first use from the parsed nodes, never by parsing again.
 */
import { parseDocument, isAlias, isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import type {
  Command,
  Field,
  FrontmatterError,
  RetryPolicy,
  Span,
  Step,
  StepMode,
  Suppression,
  YamlCondition,
  YamlDefinition,
  YamlStepInfo,
} from '../model';
import { lineAt } from '../text';

/** A parse problem from the `yaml` library; `warning` is set for the library's warnings. */
export interface YamlProblem extends FrontmatterError {
  /** The library's error code, e.g. "BAD_INDENT", "DUPLICATE_KEY". */
  code: string;
  warning: boolean;
}

export interface YamlDefinitionParse {
  yaml: YamlDefinition;
  steps: Step[];
  title?: { text: string; start: number; end: number };
  suppressions: Suppression[];
}

type Data = unknown;
type JsonObject = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Route targets
// ---------------------------------------------------------------------------------------------

/** Route values that mean "go on with the next step" rather than naming a step. */
const NEXT_KEYWORDS = new Set(['next', 'nextstep', 'continue', 'proceed', 'skip', 'ignore']);
/** Route values that end the run (or hand over to the engine's error handling) rather than naming a step. */
const END_KEYWORDS = new Set([
  'end', 'stop', 'exit', 'done', 'complete', 'completed', 'finish', 'finished', 'success', 'succeed',
  'abort', 'fail', 'failed', 'failure', 'halt', 'terminate', 'error', 'retry', 'rollback',
  'errorhandler', 'errorhandling', 'fallback', 'none', 'null', 'notify', 'alert',
]);

/** What a route value means once the step names are known. */
export type TargetKind = 'step' | 'next' | 'end' | 'dynamic' | 'unknown';

/** Placeholders and expressions (`${x}`, `{{x}}`, `$(x)`, `<x>`) are resolved at run time. */
export function isDynamicValue(value: string): boolean {
  return /\$\{|\{\{|\$\(|^<[^>]*>$/.test(value);
}

/** Classify a route target: a step (by id or name), a keyword, a run-time expression, or unknown. */
export function classifyTarget(target: string, stepNames: ReadonlySet<string>): TargetKind {
  if (stepNames.has(target)) return 'step';
  if (isDynamicValue(target)) return 'dynamic';
  const word = target.toLowerCase().replace(/[\s_-]+/g, '');
  if (NEXT_KEYWORDS.has(word)) return 'next';
  if (END_KEYWORDS.has(word)) return 'end';
  return 'unknown';
}

/** Condition kinds that route the success path (they replace falling through to the next step). */
export const SUCCESS_KINDS: ReadonlySet<string> = new Set(['success', 'on_success', 'next', 'then']);

// ---------------------------------------------------------------------------------------------
// Small readers
// ---------------------------------------------------------------------------------------------

function escapePointer(segment: string): string {
  return segment.indexOf('~') === -1 && segment.indexOf('/') === -1 ? segment : segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A node's span without trailing whitespace (block scalars and collections end after their line break). */
function nodeSpan(text: string, node: YamlNode | null | undefined, fallback: number): Span {
  if (!node || !node.range) return { start: fallback, end: fallback };
  const start = node.range[0];
  let end = node.range[1];
  while (end > start) {
    const c = text.charCodeAt(end - 1);
    if (c === 32 || c === 9 || c === 10 || c === 13) end--;
    else break;
  }
  return { start, end };
}

function keyText(key: unknown): string {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return String(key);
}

/** The pairs of a map by key (first occurrence wins, as duplicate keys are already a syntax error). */
function pairsOf(map: YAMLMap): Map<string, Pair> {
  const pairs = new Map<string, Pair>();
  for (const item of map.items) {
    const key = keyText(item.key);
    if (!pairs.has(key)) pairs.set(key, item as Pair);
  }
  return pairs;
}

function stringValue(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A count or duration as a number; numeric strings count, placeholders do not. */
function numericValue(node: unknown): number | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** Seconds in a duration: a number (seconds) or "500ms", "30s", "5m", "1h"; undefined when not a duration. */
export function durationSeconds(value: unknown, unitIsMs = false): number | undefined {
  if (typeof value === 'number') return unitIsMs ? value / 1000 : value;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(?:(ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hours?)\s*)?$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? (unitIsMs ? 'ms' : 's')).toLowerCase();
  if (unit === 'ms') return n / 1000;
  if (unit.startsWith('h')) return n * 3600;
  if (unit.startsWith('m')) return n * 60;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Data and lazily built pointer maps
// ---------------------------------------------------------------------------------------------

/**
 * A Map that fills itself on first read. The model's `pathRanges`/`keyRanges` are only read when a rule
 * reports a schema or range problem, so valid documents never pay for a pointer per node.
 */
class LazySpanMap extends Map<string, Span> {
  private fill: (() => void) | undefined;
  /** The text the nodes were parsed from (a private field: not an own property that JSON would show). */
  readonly #source: string;
  /**
   * @param source the text the nodes were parsed from.
   * @param fill builds every entry (for iteration and size).
   * @param lookup answers one pointer by walking the nodes, so a single report does not build the whole map.
   */
  constructor(
    source: string,
    fill: () => void,
    private readonly lookup: (pointer: string) => Span | undefined,
  ) {
    super();
    this.#source = source;
    this.fill = fill;
  }
  get source(): string {
    return this.#source;
  }
  /** Called by the filler before it writes; later reads then go straight to the Map. */
  markFilled(): void {
    this.fill = undefined;
  }
  private ensure(): void {
    if (this.fill) this.fill();
  }
  override get(key: string): Span | undefined {
    if (this.fill) return this.lookup(key);
    return super.get(key);
  }
  override has(key: string): boolean {
    if (this.fill) return this.lookup(key) !== undefined;
    return super.has(key);
  }
  override get size(): number {
    this.ensure();
    return super.size;
  }
  override forEach(callback: (value: Span, key: string, map: Map<string, Span>) => void, thisArg?: unknown): void {
    this.ensure();
    super.forEach(callback, thisArg);
  }
  override entries(): MapIterator<[string, Span]> {
    this.ensure();
    return super.entries();
  }
  override keys(): MapIterator<string> {
    this.ensure();
    return super.keys();
  }
  override values(): MapIterator<Span> {
    this.ensure();
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[string, Span]> {
    this.ensure();
    return super.entries();
  }
  override set(key: string, value: Span): this {
    this.ensure();
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    this.ensure();
    return super.delete(key);
  }
  override clear(): void {
    this.ensure();
    super.clear();
  }
  /** Writes without triggering the fill (used by the filler itself). */
  put(key: string, value: Span): void {
    super.set(key, value);
  }
}

/** Converts nodes to plain data (as `toJS` would), resolving aliases once each. */
class DataBuilder {
  private readonly aliasData = new Map<YamlNode, Data>();
  private readonly inProgress = new Set<YamlNode>();
  constructor(private readonly doc: Document) {}

  build(node: unknown): Data {
    if (node === null || node === undefined) return null;
    if (isScalar(node)) return node.value ?? null;
    if (isMap(node)) {
      const out: JsonObject = {};
      for (const pair of node.items) {
        const k = pair.key;
        const key = isScalar(k) ? (typeof k.value === 'string' ? k.value : keyText(k)) : k === null || k === undefined ? '' : JSON.stringify(this.build(k));
        const value = this.build(pair.value);
        // A "__proto__" key must become an own property, never the object's prototype.
        if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        else if (out[key] === undefined || !Object.prototype.hasOwnProperty.call(out, key)) out[key] = value;
      }
      return out;
    }
    if (isSeq(node)) {
      const items = node.items;
      const out = new Array<Data>(items.length);
      for (let i = 0; i < items.length; i++) out[i] = this.build(items[i]);
      return out;
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc) as YamlNode | undefined;
      if (!target || this.inProgress.has(target)) return null;
      // Aliases share the converted value: "billion laughs" documents stay linear.
      if (this.aliasData.has(target)) return this.aliasData.get(target);
      this.inProgress.add(target);
      const value = this.build(target);
      this.inProgress.delete(target);
      this.aliasData.set(target, value);
      return value;
    }
    return null;
  }
}

function unescapePointer(segment: string): string {
  return segment.indexOf('~') === -1 ? segment : segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * The span of one pointer, found by walking the nodes: the same answer the filled maps give (first key wins,
 * aliases are not followed), for `want` 'value' (pathRanges) or 'key' (keyRanges).
 */
function lookupPointer(text: string, root: YamlNode | null, pointer: string, want: 'value' | 'key'): Span | undefined {
  if (pointer === '') return want === 'value' ? (root ? nodeSpan(text, root, 0) : { start: 0, end: 0 }) : undefined;
  if (pointer.charCodeAt(0) !== 47 || !root) return undefined;
  const segments = pointer.slice(1).split('/');
  let node: unknown = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = unescapePointer(segments[i]);
    const last = i === segments.length - 1;
    if (isMap(node)) {
      let found: Pair | undefined;
      for (const pair of node.items) {
        if (keyText(pair.key) === segment) {
          found = pair as Pair;
          break;
        }
      }
      if (!found) return undefined;
      if (last) {
        const keySpan = nodeSpan(text, found.key as YamlNode, 0);
        if (want === 'key') return keySpan;
        const value = found.value as YamlNode | null;
        return value && value.range ? nodeSpan(text, value, keySpan.end) : { start: keySpan.end, end: keySpan.end };
      }
      node = found.value;
    } else if (isSeq(node)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      const index = Number(segment);
      if (index >= node.items.length) return undefined;
      if (last) return want === 'value' ? nodeSpan(text, node.items[index] as YamlNode, 0) : undefined;
      node = node.items[index];
    } else return undefined;
  }
  return undefined;
}

function fillPointerMaps(text: string, root: YamlNode | null, paths: LazySpanMap, keys: LazySpanMap): void {
  paths.markFilled();
  keys.markFilled();
  if (!root) {
    paths.put('', { start: 0, end: 0 });
    return;
  }
  const visit = (node: unknown, pointer: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const child = `${pointer}/${escapePointer(keyText(pair.key))}`;
        if (paths.has(child)) continue;
        const keySpan = nodeSpan(text, pair.key as YamlNode, 0);
        keys.put(child, keySpan);
        const value = pair.value as YamlNode | null;
        paths.put(child, value && value.range ? nodeSpan(text, value, keySpan.end) : { start: keySpan.end, end: keySpan.end });
        visit(value, child);
      }
    } else if (isSeq(node)) {
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        const child = `${pointer}/${i}`;
        paths.put(child, nodeSpan(text, items[i] as YamlNode, 0));
        visit(items[i], child);
      }
    }
  };
  paths.put('', nodeSpan(text, root, 0));
  visit(root, '');
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

/** Keys that describe or route a step; any other key with a value is the step's action. */
const NON_ACTION_KEYS = new Set([
  'name', 'id', 'title', 'type', 'conditions', 'on_success', 'on_failure', 'on_error', 'next', 'then',
  'dependsOn', 'depends_on', 'needs', 'fallback', 'retry', 'retry_count', 'retries', 'max_retries', 'retry_delay',
  'timeout', 'ai_assisted', 'enabled', 'tags', 'continueOnError', 'continue_on_error', 'manual', 'mode', 'condition', 'when',
]);

const MANUAL_TYPES = new Set(['manual', 'approval', 'human', 'manual_approval', 'review', 'gate', 'manual-approval', 'human_review']);

/** A container image reference ("gcr.io/k8s-skaffold/skaffold:v2.16.1", "node:20"), not a title. */
function isImageReference(value: string): boolean {
  return /^[a-z0-9][a-z0-9.-]*(?::\d+)?\/[a-z0-9._\/-]+(?::[\w.-]+)?(?:@sha256:[a-f0-9]+)?$/.test(value) || /^[a-z0-9._-]+:[\w.-]+$/.test(value);
}

/** Single-quote an argument for a shell when it needs it. */
function shellArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

class StepReader {
  constructor(private readonly text: string) {}

  span(node: unknown, fallback: number): Span {
    return nodeSpan(this.text, node as YamlNode, fallback);
  }

  /** The code's own span: inside quotes, or the block scalar's lines without its header. */
  contentSpan(node: Scalar, span: Span): Span {
    if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) return { start: span.start + 1, end: Math.max(span.start + 1, span.end - 1) };
    if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
      const nl = this.text.indexOf('\n', span.start);
      return nl === -1 || nl >= span.end ? { start: span.end, end: span.end } : { start: nl + 1, end: span.end };
    }
    return span;
  }

  command(node: unknown, lang: string, args?: unknown): Command | undefined {
    if (!isScalar(node) || typeof node.value !== 'string') return undefined;
    const span = this.span(node, 0);
    const content = this.contentSpan(node, span);
    let code = node.value.endsWith('\n') ? node.value.slice(0, -1) : node.value;
    let end = span.end;
    if (isSeq(args)) {
      const words: string[] = [];
      for (const item of args.items) {
        const word = stringValue(item);
        if (word !== undefined) words.push(shellArg(word));
      }
      if (words.length > 0) code += ' ' + words.join(' ');
      end = Math.max(end, this.span(args, end).end);
    }
    const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
    return { lang, code, start: span.start, end, contentStart: content.start, contentEnd: args ? end : content.end, inline: !block };
  }

  /** `run`, `command` (+`args`) and `script` of a map, in that order; a `shell` key in the map wins. */
  commandsOf(map: YAMLMap, lang: string, out: Command[]): void {
    let run: unknown;
    let command: unknown;
    let args: unknown;
    let script: unknown;
    let shell: string | undefined;
    for (const item of map.items) {
      const k = item.key;
      const key = isScalar(k) && typeof k.value === 'string' ? k.value : '';
      if (key === 'run') run ??= item.value;
      else if (key === 'command') command ??= item.value;
      else if (key === 'args') args ??= item.value;
      else if (key === 'script') script ??= item.value;
      else if (key === 'shell') shell = stringValue(item.value);
    }
    const language = shell ?? lang;
    if (run !== undefined) this.push(out, this.command(run, language));
    if (command !== undefined) this.push(out, this.command(command, language, args));
    if (script !== undefined) this.push(out, this.command(script, language));
  }

  private push(out: Command[], command: Command | undefined): void {
    if (command) out.push(command);
  }

  field(pair: Pair, label: string): Field {
    const keySpan = this.span(pair.key, 0);
    const valueSpan = this.span(pair.value, keySpan.end);
    const value = isScalar(pair.value) ? String(pair.value.value ?? '') : this.text.slice(valueSpan.start, valueSpan.end);
    const commands: Command[] = [];
    const node = pair.value;
    if (isMap(node)) this.commandsOf(node, 'sh', commands);
    else if (isSeq(node)) for (const item of node.items) if (isMap(item)) this.commandsOf(item, 'sh', commands);
    return { label, key: label.toLowerCase(), labelStart: keySpan.start, labelEnd: keySpan.end, value, valueStart: valueSpan.start, valueEnd: valueSpan.end, commands };
  }

  retry(step: Map<string, Pair>): RetryPolicy | undefined {
    const retry = step.get('retry');
    if (retry) {
      const span = this.span(retry.value, this.span(retry.key, 0).end);
      if (isMap(retry.value)) return { ...retryFields(pairsOf(retry.value)), ...span };
      const n = numericValue(retry.value);
      if (n !== undefined) return { maxAttempts: n, ...span };
      if (isScalar(retry.value) && retry.value.value !== null) return { ...span };
    }
    for (const key of ['retry_count', 'retries', 'max_retries']) {
      const pair = step.get(key);
      if (!pair) continue;
      const span = this.span(pair.value, this.span(pair.key, 0).end);
      const delay = step.get('retry_delay');
      const delaySeconds = delay ? durationSeconds((delay.value as Scalar | null)?.value) : undefined;
      return { maxAttempts: numericValue(pair.value), delaySeconds, ...span };
    }
    return undefined;
  }

  /** Adds each string route value (a scalar or the items of a list) to `out`. */
  private addRoute(kind: string, value: unknown, out: YamlCondition[]): void {
    if (isSeq(value)) {
      for (const item of value.items) this.addRoute(kind, item, out);
      return;
    }
    if (!isScalar(value) || typeof value.value !== 'string' || value.value === '') return;
    const s = this.span(value, 0);
    out.push({ kind, target: value.value, start: s.start, end: s.end });
  }

  /**
   * The steps of a `steps` list, in order. A group of steps with no action of its own (a Buildkite `group`, a
   * `parallel` step) stands for its steps: they are the ones that run.
   */
  readSteps(items: readonly unknown[], out: Step[], depth: number, position = { n: 0 }): void {
    for (const item of items) {
      if (isMap(item) && depth < 10) {
        const pairs = pairsOf(item);
        const nested = pairs.get('steps')?.value ?? pairs.get('branches')?.value;
        const ownAction = ['run', 'command', 'commands', 'script', 'action', 'uses', 'plugin', 'exec', 'agent', 'prompt_file', 'image'].some((k) => pairs.has(k));
        if (isSeq(nested) && nested.items.length > 0 && !ownAction) {
          this.readSteps(nested.items, out, depth + 1, position);
          continue;
        }
      }
      // A step's number is its place among the items, skipped ones (`- 42`) included.
      const step = this.readStep(item, position.n++);
      if (step) out.push(step);
    }
  }

  /**
   * Where a list item starts: the `-` before a map whose first key is on the next line (`-\n  exec: ...`), so the
   * step starts on the item's line; otherwise the map's own start.
   */
  itemStart(mapStart: number): number {
    let i = mapStart - 1;
    while (i >= 0 && (this.text.charCodeAt(i) === 32 || this.text.charCodeAt(i) === 9 || this.text.charCodeAt(i) === 10 || this.text.charCodeAt(i) === 13)) i--;
    return i >= 0 && this.text.charCodeAt(i) === 45 /* - */ && (i === 0 || /\s/.test(this.text[i - 1])) && /[\r\n]/.test(this.text.slice(i, mapStart)) ? i : mapStart;
  }

  readStep(node: unknown, index: number): Step | undefined {
    if (isScalar(node) && typeof node.value === 'string') {
      // A bare string item (`- build`) is a step with a name only.
      const span = this.span(node, 0);
      const yaml: YamlStepInfo = { name: node.value, conditions: [], nameStart: span.start, nameEnd: span.end };
      return { number: index + 1, title: node.value, titleStart: span.start, titleEnd: span.end, start: span.start, end: span.end, source: 'yaml', mode: 'automated', commands: [], fields: [], hasAction: false, yaml };
    }
    if (!isMap(node)) return undefined;
    const span = this.span(node, 0);

    // One pass over the step's keys (this runs for every step of every keystroke's parse).
    let nameNode: unknown;
    let idNode: unknown;
    let typeNode: unknown;
    let conditionsNode: unknown;
    let configNode: unknown;
    let shellNode: unknown;
    let manualNode: unknown;
    let modeNode: unknown;
    let timeoutNode: unknown;
    let description: Pair | undefined;
    let validation: Field | undefined;
    let rollback: Field | undefined;
    let fallback: string | undefined;
    let hasRetryKey = false;
    let hasAction = false;
    let hasCommandKey = false;
    const routes: YamlCondition[] = [];
    for (const item of node.items) {
      const pair = item as Pair;
      const k = pair.key;
      const key = isScalar(k) && typeof k.value === 'string' ? k.value : keyText(k);
      const value = pair.value;
      switch (key) {
        case 'name': case 'label': case 'title': if (nameNode === undefined) nameNode = value; continue;
        case 'id': case 'step_id': case 'stepId': case 'key': if (idNode === undefined) idNode = value; continue;
        case 'type': if (typeNode === undefined) typeNode = value; continue;
        case 'conditions': if (conditionsNode === undefined) conditionsNode = value; continue;
        case 'shell': shellNode = value; continue;
        case 'manual': manualNode = value; continue;
        case 'mode': modeNode = value; continue;
        case 'timeout': timeoutNode = value; continue;
        case 'description': description ??= pair; break;
        case 'config': configNode = value; break;
        case 'run': case 'command': case 'script': hasCommandKey = true; break;
        case 'validation': case 'verification': case 'verify':
          if (!validation) validation = this.field(pair, key);
          break;
        case 'rollback': case 'undo':
          if (!rollback) rollback = this.field(pair, key);
          break;
        case 'retry': case 'retry_count': case 'retries': case 'max_retries': hasRetryKey = true; continue;
        case 'fallback':
          fallback = stringValue(value);
          this.addRoute('fallback', value, routes);
          continue;
        case 'on_success': case 'on_failure': case 'on_error': case 'next': case 'then':
          this.addRoute(key, value, routes);
          continue;
        case 'dependsOn': case 'depends_on': case 'needs':
          this.addRoute('dependsOn', value, routes);
          continue;
      }
      if (hasAction || NON_ACTION_KEYS.has(key) || value === null || value === undefined) continue;
      if (isScalar(value) && (value.value === null || value.value === '')) continue;
      hasAction = true;
    }

    let name = stringValue(nameNode);
    const id = stringValue(idNode);
    // Cloud Build and similar runners name the builder image in `name`: the step's title is then its id.
    if (name !== undefined && id !== undefined && isImageReference(name)) {
      name = undefined;
      nameNode = undefined;
    }
    const type = stringValue(typeNode);
    const labelNode = name !== undefined ? nameNode : id !== undefined ? idNode : undefined;
    const nameSpan = labelNode ? this.span(labelNode, span.start) : { start: span.start, end: span.start };

    // Routes under `conditions` come first, then the step's own route keys, as written.
    let conditions = routes;
    if (isMap(conditionsNode)) {
      conditions = [];
      for (const pair of conditionsNode.items) this.addRoute(keyText(pair.key), pair.value, conditions);
      for (const route of routes) conditions.push(route);
    }

    const commands: Command[] = [];
    const shell = stringValue(shellNode) ?? 'sh';
    if (hasCommandKey) this.commandsOf(node, shell, commands);
    if (isMap(configNode)) {
      this.commandsOf(configNode, shell, commands);
      // A parallel step's branches (`config.branches: [{ run: ... }]`) are its commands; the runner runs them in turn.
      const branches = pairsOf(configNode).get('branches')?.value;
      if (isSeq(branches)) for (const b of branches.items) if (isMap(b)) this.commandsOf(b, shell, commands);
    }
    if (commands.length > 0) hasAction = true;
    if (!hasAction && type === 'decision' && conditions.length > 0) hasAction = true;

    const fields: Field[] = [];
    if (description) fields.push(this.field(description, 'description'));

    const modeValue = stringValue(modeNode)?.toLowerCase();
    const mode: StepMode =
      (type !== undefined && MANUAL_TYPES.has(type.toLowerCase())) || (isScalar(manualNode) && manualNode.value === true) || modeValue === 'manual' ? 'manual' : 'automated';

    const yaml: YamlStepInfo = { name: name ?? id ?? '', conditions, nameStart: nameSpan.start, nameEnd: nameSpan.end };
    if (id !== undefined) yaml.id = id;
    if (type !== undefined) yaml.type = type;
    if (hasRetryKey) {
      const retry = this.retry(pairsOf(node));
      if (retry) yaml.retry = retry;
    }
    if (fallback !== undefined) yaml.fallback = fallback;
    const timeout = isScalar(timeoutNode) ? durationSeconds(timeoutNode.value) : undefined;
    if (timeout !== undefined && timeout > 0) yaml.timeoutSeconds = timeout;
    // An anonymous step (no name, label or id) has no title; views show its number.
    const start = this.itemStart(span.start);
    const step: Step = {
      number: index + 1,
      title: name ?? id ?? '',
      titleStart: labelNode ? nameSpan.start : start,
      titleEnd: labelNode ? nameSpan.end : start,
      start,
      end: span.end,
      source: 'yaml',
      mode,
      commands,
      fields,
      hasAction,
      yaml,
    };
    if (validation) step.validation = validation;
    if (rollback) step.rollback = rollback;
    return step;
  }
}

function retryFields(pairs: Map<string, Pair>): Omit<RetryPolicy, 'start' | 'end'> {
  const policy: Omit<RetryPolicy, 'start' | 'end'> = {};
  for (const key of MAX_ATTEMPT_KEYS) {
    const pair = pairs.get(key);
    if (pair) {
      policy.maxAttempts = numericValue(pair.value);
      break;
    }
  }
  for (const key of BACKOFF_KEYS) {
    const value = stringValue(pairs.get(key)?.value);
    if (value !== undefined) {
      policy.backoff = value;
      break;
    }
  }
  for (const key of DELAY_KEYS) {
    const pair = pairs.get(key);
    if (pair) {
      policy.delaySeconds = durationSeconds((pair.value as Scalar | null)?.value, key.endsWith('_ms'));
      break;
    }
  }
  return policy;
}

/** Keys of a retry map, as real definitions write them (checked by yaml.retry-range too). */
export const MAX_ATTEMPT_KEYS: readonly string[] = ['max_attempts', 'maxAttempts', 'attempts', 'max_retries', 'maxRetries', 'retries', 'retry_count', 'count', 'limit'];
export const BACKOFF_KEYS: readonly string[] = ['backoff', 'backoff_strategy', 'strategy'];
export const DELAY_KEYS: readonly string[] = ['delay', 'delay_seconds', 'initial_delay', 'max_delay', 'retry_delay', 'interval', 'wait', 'delay_ms'];

/** Step names and ids at any depth (sub-steps of `parallel` steps are valid targets too). */
export function collectStepNames(data: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (steps: unknown, depth: number): void => {
    if (!Array.isArray(steps) || depth > 20) return;
    for (const step of steps) {
      if (typeof step === 'string') names.add(step);
      if (!step || typeof step !== 'object' || Array.isArray(step)) continue;
      const s = step as JsonObject;
      for (const key of ['name', 'id']) {
        const v = s[key];
        if (typeof v === 'string' || typeof v === 'number') names.add(String(v));
      }
      for (const key of ['steps', 'branches', 'parallel', 'substeps']) visit(s[key], depth + 1);
    }
  };
  if (data && typeof data === 'object' && !Array.isArray(data)) visit((data as JsonObject).steps, 0);
  return names;
}

// ---------------------------------------------------------------------------------------------
// Suppressions
// ---------------------------------------------------------------------------------------------

const DIRECTIVE = /#\s*wfs-(disable-next-line|disable|enable)\b([^\r\n]*)/g;

/** `# wfs-disable ids`, `# wfs-enable ids` and `# wfs-disable-next-line ids` comments. */
export function yamlSuppressions(text: string, lineStarts: readonly number[]): Suppression[] {
  const out: Suppression[] = [];
  if (text.indexOf('wfs-') === -1) return out;
  // Open `wfs-disable` regions: the ids still disabled and where the region started.
  const open: { rules: string[]; start: number }[] = [];
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    // Only a real comment counts: `#` at a line start or after whitespace.
    const before = m.index > 0 ? text.charCodeAt(m.index - 1) : 10;
    if (!(before === 10 || before === 13 || before === 32 || before === 9)) continue;
    const rules = m[2].split(/[\s,]+/).filter((r) => r !== '' && r !== '--');
    const line = lineAt(lineStarts, m.index);
    if (m[1] === 'disable-next-line') {
      if (line + 1 >= lineStarts.length) continue;
      const start = lineStarts[line + 1];
      let end = line + 2 < lineStarts.length ? lineStarts[line + 2] : text.length;
      while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
      out.push({ rules, start, end });
    } else if (m[1] === 'disable') {
      open.push({ rules, start: lineStarts[line] });
    } else {
      // Suppressions are inclusive of their end: stop just before the `wfs-enable` line.
      const end = Math.max(0, lineStarts[line] - 1);
      for (let i = open.length - 1; i >= 0; i--) {
        const region = open[i];
        if (rules.length === 0) {
          out.push({ rules: region.rules, start: region.start, end });
          open.splice(i, 1);
          continue;
        }
        const closing = region.rules.filter((r) => rules.includes(r));
        if (closing.length === 0) continue;
        out.push({ rules: closing, start: region.start, end });
        region.rules = region.rules.filter((r) => !rules.includes(r));
        if (region.rules.length === 0) open.splice(i, 1);
      }
    }
  }
  for (const region of open) out.push({ rules: region.rules, start: region.start, end: text.length });
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The parse
// ---------------------------------------------------------------------------------------------


export function parseYamlDefinition(text: string, lineStarts: readonly number[]): YamlDefinitionParse {
  const pathRanges = new LazySpanMap(
    text,
    () => fillPointerMaps(text, root, pathRanges, keyRanges),
    (pointer) => lookupPointer(text, root, pointer, 'value'),
  );
  const keyRanges = new LazySpanMap(
    text,
    () => fillPointerMaps(text, root, pathRanges, keyRanges),
    (pointer) => lookupPointer(text, root, pointer, 'key'),
  );
  let root: YamlNode | null = null;
  const errors: YamlProblem[] = [];
  const yaml: YamlDefinition = { data: null, errors, pathRanges, keyRanges };
  const result: YamlDefinitionParse = { yaml, steps: [], suppressions: yamlSuppressions(text, lineStarts) };

  let doc: Document;
  try {
    doc = parseDocument(text, { prettyErrors: false, keepSourceTokens: false });
  } catch (error) {
    // The library reports problems as errors on the document; a throw is a bug there, still never ours to crash on.
    errors.push({ message: `The YAML parser failed: ${(error as Error).message}`, start: 0, end: 0, code: 'PARSER_FAILED', warning: false });
    return result;
  }
  // The parser may point one past the end (an unclosed collection at EOF): keep spans inside the text.
  const clamp = (n: number): number => Math.min(Math.max(0, n), text.length);
  for (const e of doc.errors) errors.push({ message: e.message, start: clamp(e.pos[0]), end: clamp(Math.max(e.pos[0], e.pos[1])), code: e.code, warning: false });
  for (const w of doc.warnings) errors.push({ message: w.message, start: clamp(w.pos[0]), end: clamp(Math.max(w.pos[0], w.pos[1])), code: w.code, warning: true });

  root = (doc.contents as YamlNode | null) ?? null;
  const data = new DataBuilder(doc).build(root);
  yaml.data = data;
  if (!isMap(root)) return result;

  const top = pairsOf(root);
  const reader = new StepReader(text);

  // Title: metadata.name, else the top-level name.
  const metadata = top.get('metadata')?.value;
  const titleNode = (isMap(metadata) ? pairsOf(metadata).get('name')?.value : undefined) ?? top.get('name')?.value;
  const titleText = stringValue(titleNode);
  if (titleText !== undefined && titleText.trim() !== '') {
    const s = reader.span(titleNode, 0);
    result.title = { text: titleText.trim(), start: s.start, end: s.end };
  }

  // Global retry policy: error_handling.retry_strategy, else error_handling's own retry keys.
  const errorHandling = top.get('error_handling')?.value;
  if (isMap(errorHandling)) {
    const eh = pairsOf(errorHandling);
    const strategy = eh.get('retry_strategy');
    if (strategy && isMap(strategy.value)) yaml.retry = { ...retryFields(pairsOf(strategy.value)), ...reader.span(strategy.value, 0) };
    else if (MAX_ATTEMPT_KEYS.some((k) => eh.has(k))) yaml.retry = { ...retryFields(eh), ...reader.span(errorHandling, 0) };
  }

  const stepsPair = top.get('steps');
  if (stepsPair) {
    yaml.stepsKey = reader.span(stepsPair.key, 0);
    if (isSeq(stepsPair.value)) {
      reader.readSteps(stepsPair.value.items, result.steps, 0);
    } else if (isMap(stepsPair.value)) {
      // Steps keyed by name (`steps: { build: {...}, test: {...} }`): each key is a step's name.
      for (const pair of stepsPair.value.items) {
        const name = keyText(pair.key);
        if (!name || !isMap(pair.value)) continue;
        const step = reader.readStep(pair.value, result.steps.length);
        if (!step) continue;
        const keySpan = reader.span(pair.key, step.start);
        step.title = step.yaml?.name || name;
        if (step.yaml && !step.yaml.name) step.yaml.name = name;
        step.start = keySpan.start;
        if (!stringValue(pairsOf(pair.value).get('name')?.value)) {
          step.titleStart = keySpan.start;
          step.titleEnd = keySpan.end;
          if (step.yaml) {
            step.yaml.nameStart = keySpan.start;
            step.yaml.nameEnd = keySpan.end;
          }
        }
        result.steps.push(step);
      }
    }
  }
  return result;
}

/** The span to report a schema issue on: the key for unknown or missing properties, else the value. */
export function spanForPointer(yaml: YamlDefinition, pointer: string, keyword: string): Span {
  if (keyword === 'required') {
    // The property is missing: point at the key of the object that lacks it (or the document's start).
    const parent = pointer.slice(0, pointer.lastIndexOf('/'));
    const key = yaml.keyRanges.get(parent);
    if (key) return key;
    if (parent === '') {
      // The document lacks a top-level property: point at its first key, the start of the mapping.
      const first = yaml.keyRanges.values().next();
      if (!first.done) return first.value;
    }
    // A list item has no key: its first line.
    const value = yaml.pathRanges.get(parent);
    if (!value) return { start: 0, end: 0 };
    // The text the definition was parsed from (its maps keep it; a hand-made definition has none).
    const text = yaml.pathRanges instanceof LazySpanMap ? yaml.pathRanges.source : undefined;
    let end = value.start;
    if (text !== undefined) while (end < value.end && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    return { start: value.start, end };
  }
  if (keyword === 'additionalProperties' || keyword === 'unevaluatedProperties' || keyword === 'propertyNames') {
    const key = yaml.keyRanges.get(pointer);
    if (key) return key;
  }
  let p = pointer;
  for (;;) {
    const span = yaml.pathRanges.get(p);
    if (span) return span;
    if (p === '') return { start: 0, end: 0 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

// ---------------------------------------------------------------------------------------------
// Routes between steps (shared by yaml.unreachable-step and yaml.cycle)
// ---------------------------------------------------------------------------------------------

export interface RouteEdge {
  to: number;
  /** The condition that makes the edge; undefined when a step falls through to the next one. */
  condition?: YamlCondition;
}

export interface RouteGraph {
  /** true when steps declare `dependsOn`: a DAG, edges go from a step to what it depends on. */
  dag: boolean;
  /** A route's target is computed at run time (`${...}`), so any step may be reached. */
  dynamic: boolean;
  /** Top-level step key (id, and name) -> index in `steps`. */
  index: Map<string, number>;
  edges: RouteEdge[][];
}

/** The key routes use for a step: its id, else its name. */
export function stepKey(step: Step): string {
  return step.yaml?.id ?? step.yaml?.name ?? step.title;
}

/** Top-level step ids and names -> index (an id wins over another step's equal name). */
export function stepIndex(steps: readonly { yaml?: { id?: string; name: string } }[]): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < steps.length; i++) {
    const id = steps[i].yaml?.id;
    if (id !== undefined && !index.has(id)) index.set(id, i);
  }
  for (let i = 0; i < steps.length; i++) {
    const name = steps[i].yaml?.name;
    if (name && !index.has(name)) index.set(name, i);
  }
  return index;
}

/**
 * Control flow between top-level steps. Each step falls through to the next unless a success route sends it
 * elsewhere; a decision step with conditions branches only through them; failure and other routes are edges
 * too. When any step declares `dependsOn`, the workflow is a DAG and only dependencies are edges.
 */
export function buildRouteGraph(steps: readonly Step[]): RouteGraph {
  // Two rules ask for the graph of the same steps, one after the other: build it once per model. One slot,
  // not a WeakMap: a WeakMap entry per short-lived model makes every young-generation GC slower.
  if (lastGraph.steps !== steps) {
    lastGraph.steps = steps;
    lastGraph.graph = routeGraphOf(steps);
  }
  return lastGraph.graph as RouteGraph;
}

const lastGraph: { steps: readonly Step[] | undefined; graph: RouteGraph | undefined } = { steps: undefined, graph: undefined };

function routeGraphOf(steps: readonly Step[]): RouteGraph {
  const index = stepIndex(steps);
  const names = new Set(index.keys());
  const dag = steps.some((s) => s.yaml?.conditions.some((c) => c.kind === 'dependsOn'));
  const edges: RouteEdge[][] = steps.map(() => []);
  let dynamic = false;
  for (let i = 0; i < steps.length; i++) {
    const conditions = steps[i].yaml?.conditions ?? [];
    if (dag) {
      for (const c of conditions) {
        if (c.kind !== 'dependsOn') continue;
        const to = index.get(c.target);
        if (to !== undefined) edges[i].push({ to, condition: c });
      }
      continue;
    }
    let hasSuccessRoute = false;
    for (const c of conditions) {
      const success = SUCCESS_KINDS.has(c.kind);
      if (success) hasSuccessRoute = true;
      const kind = classifyTarget(c.target, names);
      if (kind === 'step') edges[i].push({ to: index.get(c.target) as number, condition: c });
      else if (kind === 'next' && i + 1 < steps.length) edges[i].push({ to: i + 1, condition: c });
      else if (kind === 'dynamic') dynamic = true;
    }
    const decision = steps[i].yaml?.type?.toLowerCase() === 'decision' && conditions.length > 0;
    if (!hasSuccessRoute && !decision && i + 1 < steps.length) edges[i].push({ to: i + 1 });
  }
  return { dag, dynamic, index, edges };
}
