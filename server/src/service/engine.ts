/**
 * The rule engine: runs every enabled rule over a model, resolves severities, applies inline suppressions,
 * validates ranges, and turns a rule that throws into one internal-error diagnostic (the other rules still run).
 */
import type { WorkflowModel } from './model';
import type { CancellationToken, LintOptions, Severity } from './options';
import type { Rule, RuleContext, RuleReport, WorkflowDiagnostic } from './rules/types';
import { RULES } from './rules';

export const INTERNAL_ERROR_CODE = 'internal.rule-error';

export function runRules(
  model: WorkflowModel,
  options: LintOptions,
  token: CancellationToken,
  logger: { log(message: string): void },
  rules: readonly Rule[] = RULES,
): WorkflowDiagnostic[] {
  const ctx: RuleContext = { model, template: model.template, options };
  const out: WorkflowDiagnostic[] = [];
  const textLength = model.text.length;
  const suppressions = model.suppressions;
  // One report function for the whole run (not a closure per rule per document): it reads the rule in force.
  let rule: Rule = rules[0];
  let severity: Severity = 'error';
  let docs = '';
  let severityIsSet = false;
  const report = (r: RuleReport): void => {
    let { start, end } = r;
    if (!Number.isFinite(start) || !Number.isFinite(end) || start < 0 || end > textLength || end < start) {
      // A malformed range is a bug in the rule: clamp it so the diagnostic still shows, and say so.
      logger.log(`wfs: rule ${rule.id} reported a malformed range [${start}, ${end}) in ${model.uri}`);
      start = Math.min(Math.max(0, Number.isFinite(start) ? start : 0), textLength);
      end = Math.min(Math.max(start, Number.isFinite(end) ? end : start), textLength);
    }
    if (suppressions.length > 0 && isSuppressed(model, rule.id, start)) return;
    // A rule may lower one report below its own severity (a parser warning); a user's setting still wins.
    const d: WorkflowDiagnostic = { code: rule.id, severity: r.severity && !severityIsSet ? r.severity : severity, message: r.message, start, end, source: 'wfs', docs };
    if (r.data) d.data = r.data;
    out.push(d);
  };
  // Most runs set no severities: then skip a keyed lookup per rule.
  const settings = options.rules && hasKeys(options.rules) ? options.rules : undefined;
  for (const current of rules) {
    if (token.isCancellationRequested) return [];
    if (current.formats && !current.formats.includes(model.format)) continue;
    const setting = settings?.[current.id];
    if (setting === 'off') continue;
    rule = current;
    severity = setting ?? current.defaultSeverity;
    severityIsSet = setting !== undefined;
    docs = docsPath(current.id);
    try {
      current.check(ctx, report);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.log(`wfs: rule ${current.id} failed on ${model.uri}: ${error instanceof Error && error.stack ? error.stack : message}`);
      out.push({
        code: INTERNAL_ERROR_CODE, severity: 'error', source: 'wfs', docs: `docs/rules/${INTERNAL_ERROR_CODE}.md`,
        message: `Rule ${current.id} failed on this document (${message}); other rules still ran. Please report this.`,
        start: 0, end: 0, data: { rule: current.id },
      });
    }
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

function hasKeys(o: object): boolean {
  // eslint-disable-next-line no-unreachable-loop -- the first key answers; Object.keys would list them all.
  for (const _ in o) return true;
  return false;
}

const docsPaths = new Map<string, string>();

/** `docs/rules/<id>.md`, built once per rule id rather than once per rule per document. */
function docsPath(id: string): string {
  let path = docsPaths.get(id);
  if (path === undefined) docsPaths.set(id, (path = `docs/rules/${id}.md`));
  return path;
}

function isSuppressed(model: WorkflowModel, ruleId: string, offset: number): boolean {
  for (const s of model.suppressions) {
    if (offset >= s.start && offset <= s.end && (s.rules.length === 0 || s.rules.includes(ruleId))) return true;
  }
  return false;
}
