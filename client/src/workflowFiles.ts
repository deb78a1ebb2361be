/**
 * Which documents the extension treats as workflows, decided from the path and language alone (no VS Code
 * import, so unit tests cover it). The language server looks closer (YAML content); this only decides what to
 * sync to it and when to start it.
 */

/** Globs of YAML workflow definitions, as the server's document selector and `yamlValidation` use them. */
export const WORKFLOW_YAML_GLOBS = ['**/*.{workflow,wf}.{yaml,yml}', '**/workflows/**/*.{yaml,yml}'] as const;

/** Whether a document of this scheme, path and language is one the language server checks. */
export function isWorkflowDocument(scheme: string, path: string, languageId: string): boolean {
  if (scheme !== 'file') return false;
  if (languageId === 'markdown') return true;
  const lower = path.toLowerCase().replace(/\\/g, '/');
  if (/\.(workflow|wf)\.ya?ml$/.test(lower)) return true;
  return /\.ya?ml$/.test(lower) && /(^|\/)workflows\//.test(lower);
}
