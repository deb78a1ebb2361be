import { workflowSteps } from '../features/steps';
import { exportedState, exportWorkflow, findExportTarget, isExportRefusal } from '../export';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'export.stale',
  description: 'The generated GitHub Actions workflow of this document is not what the document exports now.',
  defaultSeverity: 'warning',
  docs: `Reports a workflow document whose generated file (\`.github/workflows/<name>.yml\`, written by \`wfs export
--to github-actions\` or the command **Workflow Studio: Export as GitHub Actions Workflow**, with a header that names
this document) differs from what the document exports now: the document changed since the export, or the file was
edited by hand. The scheduled workflow would run the old steps. Export again (the command asks before it replaces a
file edited by hand), or make the change in the document. \`wfs export --to github-actions <file> --check\` makes the
same comparison in CI (exit code 1).

In the editor the language server looks for \`.github/workflows/<name>.yml\` in the document's workspace folder,
where \`<name>\` is the document's file name without \`.md\` or \`.workflow.yaml\`; only open documents are checked.

### Fails

\`\`\`\`markdown
### 1. Build
\`\`\`bash
make release
\`\`\`
\`\`\`\`

with \`.github/workflows/release.yml\` exported when the step ran \`make\`.

### Passes

The same document with its file exported again:

\`\`\`sh
wfs export --to github-actions docs/workflows/release.md
\`\`\`
`,
  check({ model, options }, report) {
    const exported = options.exported;
    const target = exported && findExportTarget(exported.target);
    if (!exported || !target) return;
    const lineEnd = model.text.indexOf('\n');
    const at = { start: 0, end: lineEnd < 0 ? model.text.length : lineEnd };
    const again = `export it again (Workflow Studio: Export as ${target.label} Workflow, or wfs export --to ${target.id} ${exported.source})`;
    let expected: string;
    try {
      expected = exportWorkflow(target, { path: exported.source, workflow: workflowSteps(model) }).text;
    } catch (e) {
      if (!isExportRefusal(e)) throw e;
      report({ ...at, message: `${exported.path} was exported from this document, which can no longer be exported: ${e.message}`, data: { path: exported.path } });
      return;
    }
    const state = exportedState(exported.text, expected);
    if (state === 'current') return;
    const why = state === 'edited' ? 'was edited by hand since it was generated' : 'is out of date: it is not what this document exports now';
    report({ ...at, message: `${exported.path} ${why}; ${again}.`, data: { path: exported.path } });
  },
};
