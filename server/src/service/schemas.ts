/**
 * The JSON Schemas in `schemas/` (draft 2020-12), validated with ajv.
 *
 * Schemas are bundled as JSON (esbuild inlines them), the validator is built on first use and each schema is
 * compiled once, when it is first needed: most documents use one schema, and compiling costs milliseconds.
 * Adding a schema is one import line and one table entry below.
 */
import type Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import frontmatterTemplate from '../../../schemas/frontmatter-template.schema.json';
import catalogFrontmatter from '../../../schemas/catalog-frontmatter.schema.json';
import workflowFrontmatter from '../../../schemas/workflow-frontmatter.schema.json';
import fileHeader from '../../../schemas/file-header.schema.json';
import yamlDefinition from '../../../schemas/yaml-definition.schema.json';

/** Schema name (the file name without `.schema.json`) -> the schema as written. */
const SCHEMAS: Readonly<Record<string, object>> = Object.freeze({
  'frontmatter-template': frontmatterTemplate,
  'catalog-frontmatter': catalogFrontmatter,
  'workflow-frontmatter': workflowFrontmatter,
  'file-header': fileHeader,
  'yaml-definition': yamlDefinition,
});

/** One schema violation, with a message written for people. */
export interface SchemaIssue {
  /**
   * JSON Pointer of the value concerned, e.g. "/frequency" or "/steps/2/type". For `required`,
   * `additionalProperties`, `unevaluatedProperties` and `propertyNames` it names the missing or unknown property
   * itself (its parent is the object that lacks or has it); "" is the whole document.
   */
  pointer: string;
  /** The ajv keyword that failed: 'type', 'enum', 'required', 'format', 'minimum', 'additionalProperties', ... */
  keyword: string;
  message: string;
  /** ajv's params for the keyword (`allowedValues` for enum, `missingProperty` for required, ...). */
  params: Record<string, unknown>;
}

/** The names of every schema, for listings and tests. */
export function schemaNames(): string[] {
  return Object.keys(SCHEMAS);
}

/** The raw schema (for hover and completion). Throws for a name that is not a schema: that is a programming error. */
export function schemaFor(name: string): object {
  const schema = SCHEMAS[name];
  if (!schema) throw new Error(`Unknown schema "${name}"; known: ${schemaNames().join(', ')}`);
  return schema;
}

/**
 * An ISO 8601 date, or a date-time whose seconds, fraction and time zone are optional.
 * Real front matter writes both `2024-01-15T10:00:00Z` and Python's `2025-09-19T06:58:56.086177`.
 */
const ISO_DATE_OR_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isIsoDateOrDateTime(value: string): boolean {
  const m = ISO_DATE_OR_DATE_TIME.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return false;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 60))) return false;
  return true;
}

/** A version: a number, or dotted numbers with an optional `v` and a pre-release or build suffix (2.1.0, v3, 1.0.0-rc.1). */
const VERSION_NUMBER = /^v?\d+(?:\.\d+)*(?:[-+][0-9A-Za-z.-]+)?$/;

export function isVersionNumber(value: string): boolean {
  return VERSION_NUMBER.test(value);
}

/** Human wording of the formats the schemas use. */
const FORMAT_WORDING: Record<string, string> = {
  'iso-date-or-date-time': 'an ISO date or date-time (e.g. 2024-01-15 or 2024-01-15T10:00:00Z)',
  'version-number': 'a version number (e.g. 3 or 2.1.0)',
  date: 'an ISO date (YYYY-MM-DD)',
  'date-time': 'an ISO date-time with a time zone (e.g. 2024-01-15T10:00:00Z)',
  uri: 'a URI',
  email: 'an email address',
  duration: 'an ISO 8601 duration (e.g. PT5M)',
};

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validator(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    const schema = schemaFor(name);
    if (!ajv) {
      // Loaded on first use: `wfs run`, `wfs check` and documents without front matter never validate a schema,
      // and start faster without Ajv.
      const { default: Ajv } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
      const { default: addFormats } = require('ajv-formats') as typeof import('ajv-formats');
      // Union types such as ["string", "array"] with `items` are intended; strictTypes would log about them.
      ajv = new Ajv({ allErrors: true, strictTypes: false, strictTuples: false });
      addFormats(ajv);
      ajv.addFormat('iso-date-or-date-time', { type: 'string', validate: isIsoDateOrDateTime });
      ajv.addFormat('version-number', { type: 'string', validate: isVersionNumber });
    }
    validate = ajv.compile(schema);
    compiled.set(name, validate);
  }
  return validate;
}

/** Validate `data` against the named schema; [] when it conforms. */
export function validateAgainst(schemaName: string, data: unknown): SchemaIssue[] {
  const validate = validator(schemaName);
  if (validate(data)) return [];
  return schemaIssuesFromAjv(validate.errors ?? []);
}

/** ajv's errors as issues with human messages (exported for tests and for validators built elsewhere). */
export function schemaIssuesFromAjv(errors: readonly ErrorObject[]): SchemaIssue[] {
  // An anyOf/oneOf failure also reports each branch's failure; keep only the combinator's own error,
  // worded from its branches, so one bad value gives one issue.
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (combinators.some((c) => c !== error && error.schemaPath.startsWith(c.schemaPath + '/'))) continue;
    const branches = error.keyword === 'anyOf' || error.keyword === 'oneOf' ? errors.filter((e) => e.schemaPath.startsWith(error.schemaPath + '/')) : [];
    const issue = toIssue(error, branches);
    const key = `${issue.pointer}\u0000${issue.keyword}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** How a pointer reads in a message: "/steps/2/name" -> "steps[2].name"; "" -> "The document". */
export function pointerLabel(pointer: string): string {
  if (pointer === '') return 'The document';
  let label = '';
  for (const raw of pointer.slice(1).split('/')) {
    const segment = unescapePointerSegment(raw);
    if (/^\d+$/.test(segment) && label !== '') label += `[${segment}]`;
    else label += label === '' ? segment : `.${segment}`;
  }
  return `"${label}"`;
}

function listOf(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map(String).join(' or ');
}

function toIssue(error: ErrorObject, branches: readonly ErrorObject[]): SchemaIssue {
  const params = { ...(error.params as Record<string, unknown>) };
  let pointer = error.instancePath;
  let message: string;
  const subject = pointerLabel(pointer);
  switch (error.keyword) {
    case 'required': {
      const property = String(params.missingProperty);
      pointer = `${pointer}/${escapePointerSegment(property)}`;
      message = error.instancePath === '' ? `Missing required property "${property}"` : `${subject} is missing required property "${property}"`;
      break;
    }
    case 'additionalProperties': {
      const property = String(params.additionalProperty);
      pointer = `${pointer}/${escapePointerSegment(property)}`;
      message = error.instancePath === '' ? `Unknown property "${property}"` : `${subject} has unknown property "${property}"`;
      break;
    }
    case 'unevaluatedProperties': {
      const property = String(params.unevaluatedProperty);
      pointer = `${pointer}/${escapePointerSegment(property)}`;
      message = `Unknown property "${property}"`;
      break;
    }
    case 'dependentRequired':
    case 'dependencies':
      message = `${subject} needs property "${String(params.missingProperty)}" when "${String(params.property)}" is present`;
      break;
    case 'type':
      message = `${subject} must be ${typeWords(params.type)}`;
      break;
    case 'enum':
      message = `${subject} must be one of: ${listOf((params.allowedValues as unknown[]) ?? [])}`;
      break;
    case 'const':
      message = `${subject} must be ${JSON.stringify(params.allowedValue)}`;
      break;
    case 'format': {
      const format = String(params.format);
      message = `${subject} must be ${FORMAT_WORDING[format] ?? `in format "${format}"`}`;
      break;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      message = `${subject} must be ${String(params.comparison)} ${String(params.limit)}`;
      break;
    case 'minLength':
      message = Number(params.limit) === 1 ? `${subject} must not be empty` : `${subject} must have at least ${String(params.limit)} characters`;
      break;
    case 'maxLength':
      message = `${subject} must have at most ${String(params.limit)} characters`;
      break;
    case 'minItems':
      message = Number(params.limit) === 1 ? `${subject} must not be empty` : `${subject} must have at least ${String(params.limit)} items`;
      break;
    case 'maxItems':
      message = `${subject} must have at most ${String(params.limit)} items`;
      break;
    case 'minProperties':
      message = `${subject} must have at least ${String(params.limit)} properties`;
      break;
    case 'uniqueItems':
      message = `${subject} must not repeat items (items ${String(params.j)} and ${String(params.i)} are equal)`;
      break;
    case 'pattern':
      message = `${subject} must match the pattern ${String(params.pattern)}`;
      break;
    case 'propertyNames': {
      const property = String(params.propertyName);
      pointer = `${pointer}/${escapePointerSegment(property)}`;
      message = `${subject} has a property name that is not allowed ("${property}")`;
      break;
    }
    case 'anyOf':
    case 'oneOf': {
      const types = branches.filter((b) => b.keyword === 'type' && b.instancePath === error.instancePath).map((b) => typeWords(b.params.type));
      const allowed = branches.filter((b) => b.keyword === 'enum' || b.keyword === 'const').flatMap((b) => (b.keyword === 'enum' ? (b.params.allowedValues as unknown[]) : [b.params.allowedValue]));
      if (error.keyword === 'oneOf' && params.passingSchemas) message = `${subject} matches more than one of the allowed forms`;
      else if (types.length === branches.length && types.length > 0) message = `${subject} must be ${[...new Set(types)].join(' or ')}`;
      else if (allowed.length > 0 && allowed.length >= branches.length - types.length) {
        message = `${subject} must be one of: ${listOf(allowed)}`;
        params.allowedValues = allowed;
      } else message = `${subject} does not match any of the allowed forms`;
      break;
    }
    default:
      message = `${subject} ${error.message ?? 'is not valid'}`;
  }
  return { pointer, keyword: error.keyword, message, params };
}
