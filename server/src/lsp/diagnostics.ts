/**
 * The one place that turns the service's offset-based diagnostics into LSP diagnostics.
 */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { WorkflowDiagnostic, WorkflowModel } from '../service';
import { offsetToPosition } from '../service/text';

const SEVERITY: Record<WorkflowDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `docsBase` is where docs/rules lives, as a URI (the extension's folder); code descriptions link there. */
export function toLspDiagnostic(d: WorkflowDiagnostic, model: WorkflowModel, docsBase: string | undefined): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: offsetToPosition(model.lineStarts, d.start), end: offsetToPosition(model.lineStarts, d.end) },
    severity: SEVERITY[d.severity],
    code: d.code,
    source: d.source,
    message: d.message,
  };
  if (docsBase) diagnostic.codeDescription = { href: `${docsBase.replace(/\/$/, '')}/${d.docs}` };
  if (d.data) diagnostic.data = d.data;
  return diagnostic;
}
