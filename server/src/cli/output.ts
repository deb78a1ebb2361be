/**
 * The CLI's output formats: human (one line per problem, like eslint's stylish), JSON and SARIF 2.1.0.
 * Pure functions from lint results to text.
 */
import type { Severity } from '../service/options';
import type { WorkflowDiagnostic } from '../service/rules/types';
import { computeLineStarts, lineAt } from '../service/text';

/** One problem with 1-based line and column (UTF-16 code units, as editors count). */
export interface CliDiagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface FileReport {
  /** Relative to the current folder, forward slashes. */
  filePath: string;
  /** The document format the service used. */
  format: string;
  diagnostics: CliDiagnostic[];
}

export interface RuleDescription {
  id: string;
  description: string;
  defaultSeverity: string;
  docs: string;
}

/** Converts the service's offset-based diagnostics into sorted 1-based positions. */
export function toCliDiagnostics(text: string, diagnostics: readonly WorkflowDiagnostic[], lineStarts?: readonly number[]): CliDiagnostic[] {
  if (diagnostics.length === 0) return [];
  const starts = lineStarts ?? computeLineStarts(text);
  const out = diagnostics.map((d) => {
    const start = clamp(d.start, text.length);
    const end = clamp(Math.max(d.start, d.end), text.length);
    const line = lineAt(starts, start);
    const endLine = lineAt(starts, end);
    return {
      ruleId: d.code,
      severity: d.severity,
      message: d.message,
      line: line + 1,
      column: start - starts[line] + 1,
      endLine: endLine + 1,
      endColumn: end - starts[endLine] + 1,
    };
  });
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

function clamp(offset: number, max: number): number {
  return Number.isFinite(offset) ? Math.min(Math.max(0, offset), max) : 0;
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

export function countSeverities(reports: readonly FileReport[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const r of reports) {
    for (const d of r.diagnostics) {
      if (d.severity === 'error') counts.errors++;
      else if (d.severity === 'warning') counts.warnings++;
      else if (d.severity === 'information') counts.infos++;
      else counts.hints++;
    }
  }
  return counts;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "N problems (E errors, W warnings, I infos)", plus hints when there are any. */
export function summaryLine(counts: Counts): string {
  const total = counts.errors + counts.warnings + counts.infos + counts.hints;
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning'), plural(counts.infos, 'info')];
  if (counts.hints > 0) parts.push(plural(counts.hints, 'hint'));
  return `${plural(total, 'problem')} (${parts.join(', ')})`;
}

const COLORS = { error: '31', warning: '33', information: '36', hint: '90', dim: '2', bold: '1' } as const;

/**
 * `path:line:col  severity  message  rule-id`, aligned per file, a blank line between files, then the summary.
 * The path is on every line so terminals and editors can open it.
 */
export function formatHuman(reports: readonly FileReport[], color: boolean): string {
  const paint = (code: string, s: string): string => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  // Every piece of the output in one array, joined once (not a string per file joined again).
  const parts: string[] = [];
  for (const r of reports) {
    const diagnostics = r.diagnostics;
    if (diagnostics.length === 0) continue;
    if (parts.length > 0) parts.push('\n\n');
    // The column widths in one pass (no spread of a large array into Math.max).
    const locations = new Array<string>(diagnostics.length);
    let locWidth = 0;
    let sevWidth = 0;
    let msgWidth = 0;
    for (let i = 0; i < diagnostics.length; i++) {
      const d = diagnostics[i];
      const location = `${r.filePath}:${d.line}:${d.column}`;
      locations[i] = location;
      locWidth = Math.max(locWidth, location.length);
      sevWidth = Math.max(sevWidth, d.severity.length);
      msgWidth = Math.max(msgWidth, d.message.length);
    }
    // Padding is spaces after each cell, not a padded copy of it.
    for (let i = 0; i < diagnostics.length; i++) {
      const d = diagnostics[i];
      if (i > 0) parts.push('\n');
      parts.push(locations[i], spaces(locWidth - locations[i].length + 2));
      parts.push(paint(COLORS[d.severity], d.severity + spaces(sevWidth - d.severity.length)), '  ');
      parts.push(d.message, spaces(msgWidth - d.message.length + 2), paint(COLORS.dim, d.ruleId));
    }
  }
  const counts = countSeverities(reports);
  const summary = summaryLine(counts);
  const painted = counts.errors > 0 ? paint(COLORS.error, summary) : counts.warnings > 0 ? paint(COLORS.warning, summary) : summary;
  if (parts.length > 0) parts.push('\n\n');
  parts.push(painted, '\n');
  return parts.join('');
}

const SPACES = ' '.repeat(256);

/** `n` spaces (a slice of one long run for the usual widths). */
function spaces(n: number): string {
  return n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n);
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(reports, null, 2) + '\n';
}

const SARIF_LEVEL: Record<string, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, one run. No host URLs: artifact URIs are relative to the current folder. */
export function formatSarif(reports: readonly FileReport[], rules: readonly RuleDescription[], version: string): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = [];
  for (const r of reports) {
    for (const d of r.diagnostics) {
      results.push({
        ruleId: d.ruleId,
        ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
        level: SARIF_LEVEL[d.severity] ?? 'note',
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeRelativeUri(r.filePath), uriBaseId: '%SRCROOT%' },
              region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
            },
          },
        ],
      });
    }
  }
  const sarif = {
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'wfs',
            version,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] ?? 'note' },
              help: { text: `${r.description} See ${r.docs}.`, markdown: `${r.description} See [${r.docs}](${r.docs}).` },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** Percent-encodes a relative path for a URI reference, keeping slashes. */
function encodeRelativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function formatRulesHuman(rules: readonly RuleDescription[]): string {
  const idWidth = Math.max(0, ...rules.map((r) => r.id.length));
  const sevWidth = Math.max(0, ...rules.map((r) => r.defaultSeverity.length));
  return rules.map((r) => `${r.id.padEnd(idWidth)}  ${r.defaultSeverity.padEnd(sevWidth)}  ${r.description}`).join('\n') + '\n';
}
