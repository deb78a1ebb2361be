/**
 * Which documents are workflows, by path and (for YAML) a cheap look at the text.
 */

/** 'markdown' or 'yaml' for a workflow document; undefined for anything else. */
export function workflowKind(path: string, text?: string): 'markdown' | 'yaml' | undefined {
  const lower = path.toLowerCase();
  if (/\.(md|markdown|mdx|txt)$/.test(lower)) return 'markdown';
  if (/\.(workflow|wf)\.ya?ml$/.test(lower)) return 'yaml';
  if (/\.ya?ml$/.test(lower)) {
    // Any other YAML file is a workflow definition when it has a top-level `steps` key.
    if (text === undefined) return /(^|[\\/])workflows[\\/]/.test(lower) ? 'yaml' : undefined;
    return /^steps\s*:/m.test(text) ? 'yaml' : undefined;
  }
  return undefined;
}
