/**
 * The `.wfs.json` config file: parsing and validation only (pure, no file system).
 * The CLI and the language server read the file and resolve paths relative to its folder.
 */
import { FORMAT_IDS } from './model';
import type { FormatId } from './model';
import type { SeveritySetting } from './options';
import { globError } from './glob';
import { RULES } from './rules';
import { trimEndIndex, withoutJsonPosition } from './textScan';
import type { DestructiveCommandSpec } from './shell/destructive';

export interface WfsConfig {
  /** Per-rule severity or 'off', by rule id. */
  rules?: Record<string, SeveritySetting>;
  /** A Markdown template file (relative to the config's folder) that replaces the built-in template of its format. */
  template?: string;
  /** Glob (relative to the config's folder) -> the format forced for matching files. */
  formats?: Record<string, FormatId>;
  /** LAST-AUDITED older than this many days is reported. */
  auditMaxAgeDays?: number;
  /** Skill ids known besides those a document's own legend lists. */
  skills?: string[];
  /** Globs (relative to the config's folder): when set, only matching files are linted in folders. */
  include?: string[];
  /** Globs (relative to the config's folder) never linted in folders. */
  exclude?: string[];
  /** Entries added to the destructive-command table: `"mycli purge"`, or `{ "match": "sqlite3", "sql": ["DROP"] }`. */
  destructiveCommands?: DestructiveCommandSpec[];
  /** Run shellcheck (when it is on PATH) on the shell blocks: rule shell.shellcheck. */
  shellcheck?: boolean;
  /**
   * Glob (relative to the config's folder) -> a Markdown template for matching files, in place of `template` (the
   * first matching glob wins). "Save Convention as Template" writes one per group.
   */
  templates?: Record<string, string>;
  /** How conventions are learned from groups of documents (see service/conventions/). */
  conventions?: { threshold?: number; minDocuments?: number; groups?: string[] };
}

export interface ParsedConfig {
  config: WfsConfig;
  errors: string[];
}

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const KEYS = ['$schema', 'rules', 'template', 'formats', 'auditMaxAgeDays', 'skills', 'include', 'exclude', 'destructiveCommands', 'shellcheck', 'templates', 'conventions'];

/**
 * Parses a config file's text. JSON with comments (`//`, `/* *\/`) and trailing commas, as VS Code's settings
 * allow. Every unknown key or bad value gives one error naming the key; the valid parts are still returned.
 */
export function parseConfig(text: string, source: string): ParsedConfig {
  const errors: string[] = [];
  const config: WfsConfig = {};
  const plain = stripJsonComments(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (plain.trim() === '') return { config, errors: [`${source}: the file is empty; expected a JSON object`] };
  let value: unknown;
  try {
    value = JSON.parse(plain);
  } catch (e) {
    return { config, errors: [`${source}: invalid JSON${jsonErrorPosition(plain, e)}: ${jsonErrorReason(e)}`] };
  }
  if (!isPlainObject(value)) return { config, errors: [`${source}: expected a JSON object at the top level`] };

  const knownRules = new Set(RULES.map((r) => r.id));
  for (const [key, v] of Object.entries(value)) {
    const where = `${source}: "${key}"`;
    switch (key) {
      case '$schema':
        // Editors use it for completion; it has no meaning here.
        if (typeof v !== 'string') errors.push(`${where} must be a string`);
        break;
      case 'rules': {
        if (!isPlainObject(v)) {
          errors.push(`${where} must be an object of rule id -> ${SEVERITY_SETTINGS.join('|')}`);
          break;
        }
        const rules: Record<string, SeveritySetting> = {};
        for (const [id, setting] of Object.entries(v)) {
          if (!knownRules.has(id)) errors.push(`${where}: unknown rule "${id}"`);
          else if (typeof setting !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(setting))
            errors.push(`${where}: "${id}" must be one of ${SEVERITY_SETTINGS.join(', ')} (got ${JSON.stringify(setting)})`);
          else rules[id] = setting as SeveritySetting;
        }
        config.rules = rules;
        break;
      }
      case 'template':
        if (typeof v !== 'string' || v.trim() === '') errors.push(`${where} must be a non-empty path to a Markdown template`);
        else config.template = v;
        break;
      case 'formats': {
        if (!isPlainObject(v)) {
          errors.push(`${where} must be an object of glob -> format id`);
          break;
        }
        const formats: Record<string, FormatId> = {};
        for (const [glob, format] of Object.entries(v)) {
          const invalid = glob.trim() === '' ? undefined : globError(glob);
          if (glob.trim() === '') errors.push(`${where}: a glob must not be empty`);
          else if (invalid) errors.push(`${where}: invalid glob ${JSON.stringify(glob)} (${invalid}); it is skipped`);
          else if (typeof format !== 'string' || !(FORMAT_IDS as readonly string[]).includes(format))
            errors.push(`${where}: "${glob}" must be one of ${FORMAT_IDS.join(', ')} (got ${JSON.stringify(format)})`);
          else formats[glob] = format as FormatId;
        }
        config.formats = formats;
        break;
      }
      case 'auditMaxAgeDays':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) errors.push(`${where} must be a positive whole number of days`);
        else config.auditMaxAgeDays = v;
        break;
      case 'skills':
      case 'include':
      case 'exclude': {
        const what = key === 'skills' ? 'skill ids' : 'globs';
        if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.trim() === ''))
          errors.push(`${where} must be an array of non-empty strings (${what})`);
        else if (key === 'skills') config[key] = v as string[];
        else {
          // An invalid glob is reported and left out; the others still apply.
          const invalid = (v as string[]).map((glob) => [glob, globError(glob)] as const).filter(([, e]) => e !== undefined);
          for (const [glob, e] of invalid) errors.push(`${where}: invalid glob ${JSON.stringify(glob)} (${e}); it is skipped`);
          config[key] = (v as string[]).filter((glob) => !invalid.some(([bad]) => bad === glob));
        }
        break;
      }
      case 'shellcheck':
        if (typeof v !== 'boolean') errors.push(`${where} must be true or false`);
        else config.shellcheck = v;
        break;
      case 'destructiveCommands': {
        const specs = destructiveSpecs(v);
        if (specs === undefined) errors.push(`${where} must be an array of commands ("kubectl drain") or of { "match": "psql", "sql": ["DROP"] } objects`);
        else config.destructiveCommands = specs;
        break;
      }
      case 'templates': {
        if (!isPlainObject(v)) {
          errors.push(`${where} must be an object of glob -> path to a Markdown template`);
          break;
        }
        const templates: Record<string, string> = {};
        for (const [glob, path] of Object.entries(v)) {
          const invalid = glob.trim() === '' ? 'empty' : globError(glob);
          if (invalid) errors.push(`${where}: invalid glob ${JSON.stringify(glob)} (${invalid}); it is skipped`);
          else if (typeof path !== 'string' || path.trim() === '') errors.push(`${where}: "${glob}" must be a non-empty path to a Markdown template`);
          else templates[glob] = path;
        }
        config.templates = templates;
        break;
      }
      case 'conventions': {
        const conventions = parseConventions(v, where, errors);
        if (conventions) config.conventions = conventions;
        break;
      }
      default:
        errors.push(`${where}: unknown key (known keys: ${KEYS.filter((k) => k !== '$schema').join(', ')})`);
    }
  }
  return { config, errors };
}

/** `destructiveCommands`: strings, or objects with a `match` string and an optional `sql` array of words. */
function destructiveSpecs(v: unknown): DestructiveCommandSpec[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: DestructiveCommandSpec[] = [];
  for (const item of v) {
    if (typeof item === 'string' && item.trim() !== '') out.push({ match: item.trim() });
    else if (isPlainObject(item) && typeof item.match === 'string' && item.match.trim() !== '' && Object.keys(item).every((k) => k === 'match' || k === 'sql')) {
      const sql = item.sql;
      if (sql !== undefined && (!Array.isArray(sql) || sql.some((w) => typeof w !== 'string' || !/^[A-Za-z][A-Za-z ]*$/.test(w)))) return undefined;
      out.push(sql ? { match: item.match.trim(), sql: sql as string[] } : { match: item.match.trim() });
    } else return undefined;
  }
  return out;
}

function parseConventions(v: unknown, where: string, errors: string[]): WfsConfig['conventions'] {
  if (!isPlainObject(v)) {
    errors.push(`${where} must be an object with threshold, minDocuments and groups`);
    return undefined;
  }
  const out: NonNullable<WfsConfig['conventions']> = {};
  for (const [key, value] of Object.entries(v)) {
    if (key === 'threshold') {
      if (typeof value !== 'number' || !(value >= 0.5 && value <= 1)) errors.push(`${where}: "threshold" must be a share between 0.5 and 1 (got ${JSON.stringify(value)})`);
      else out.threshold = value;
    } else if (key === 'minDocuments') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 2) errors.push(`${where}: "minDocuments" must be a whole number of at least 2 (got ${JSON.stringify(value)})`);
      else out.minDocuments = value;
    } else if (key === 'groups') {
      if (!Array.isArray(value) || value.some((s) => typeof s !== 'string' || s.trim() === '')) {
        errors.push(`${where}: "groups" must be an array of non-empty strings (globs)`);
        continue;
      }
      const invalid = (value as string[]).filter((glob) => globError(glob) !== undefined);
      for (const glob of invalid) errors.push(`${where}: invalid glob ${JSON.stringify(glob)} (${globError(glob)}); it is skipped`);
      out.groups = (value as string[]).filter((glob) => !invalid.includes(glob));
    } else errors.push(`${where}: unknown key "${key}" (known keys: threshold, minDocuments, groups)`);
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Blanks out comments and trailing commas, keeping every other character at its offset so that
 * JSON.parse's error positions still point into the original text.
 */
export function stripJsonComments(text: string): string {
  const out = text.split('');
  let i = 0;
  // Offset of the last comma seen outside strings, while only whitespace or comments follow it.
  let pendingComma = -1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      pendingComma = -1;
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') out[i++] = ' ';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      for (; i < stop; i++) if (text[i] !== '\n' && text[i] !== '\r') out[i] = ' ';
    } else if (c === ',') {
      pendingComma = i++;
    } else if (c === '}' || c === ']') {
      if (pendingComma !== -1) out[pendingComma] = ' ';
      pendingComma = -1;
      i++;
    } else {
      if (!/\s/.test(c)) pendingComma = -1;
      i++;
    }
  }
  return out.join('');
}

function jsonErrorReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const reason = withoutJsonPosition(message);
  // Blanks before `(line N column M)` trimmed apart: `\s*` in the expression rescanned them from each one.
  const lineColumn = /\(line \d+ column \d+\)$/.exec(reason);
  return lineColumn ? reason.slice(0, trimEndIndex(reason.slice(0, lineColumn.index))) : reason;
}

function jsonErrorPosition(text: string, e: unknown): string {
  const m = /at position (\d+)/.exec(e instanceof Error ? e.message : '');
  if (!m) return '';
  const offset = Number(m[1]);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return ` at ${line}:${offset - lineStart + 1}`;
}
