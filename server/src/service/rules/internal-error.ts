/**
 * The page of the one diagnostic no rule reports: the engine's `internal.rule-error`, given when a rule throws.
 */
export const INTERNAL_ERROR_DOC = {
  id: 'internal.rule-error',
  description: 'A rule failed on this document; the other rules still ran.',
  defaultSeverity: 'error',
  docs: `Reported at the start of the document, once per rule that threw an exception while checking it. It names the
rule and the error. The other rules' diagnostics are still reported, and the language server keeps running;
the full error is in the "Workflow Studio" output channel (or on stderr for \`wfs lint --debug\`).

This is a bug in Workflow Studio, not in your document: please report it with the document (or a part of it
that still shows the problem). Until it is fixed, turn the failing rule off for that file with
\`<!-- wfs-disable rule-id -->\` or in \`.wfs.json\`.
`,
} as const;
