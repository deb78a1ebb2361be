import { placeholders } from '../../run/variables';
import type { WorkflowModel } from '../model';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'shell.unknown-placeholder',
  description: 'A shell block asks for a value the document never explains.',
  defaultSeverity: 'information',
  docs: `Reports a placeholder in a shell block (\`<NAME>\`, \`\${NAME}\` or \`{{ name }}\`, the values the runner asks for
before the step runs) whose name the document never mentions outside its code blocks, and does not declare in its
front matter or YAML definition (\`variables\`, \`inputs\`, \`parameters\`, \`env\`, \`vars\`). Whoever runs the step is
asked for \`TARGET_NS\` with nothing to say what it is. Name it in the prose (a Prerequisites or Inputs list) or
declare it. Names the shell sets and names the block assigns itself are not placeholders.

### Fails

\`\`\`\`markdown
### 1. Delete the namespace

\`\`\`bash
kubectl delete ns "\${TARGET_NS}"
\`\`\`
\`\`\`\`

### Passes

\`\`\`\`markdown
## Prerequisites

- \`TARGET_NS\`: the namespace to delete.

### 1. Delete the namespace

\`\`\`bash
kubectl delete ns "\${TARGET_NS}"
\`\`\`
\`\`\`\`
`,
  check({ model }, report) {
    const scripts = model.shell?.scripts ?? [];
    if (scripts.length === 0) return;
    const declared = declaredNames(model);
    const reported = new Set<string>();
    for (const script of scripts) {
      for (const name of namesOf(script.analysis, script.code)) {
        if (reported.has(name) || declared.has(name) || mentionedInProse(model, name)) continue;
        reported.add(name);
        const at = firstUse(script.code, name);
        report({
          message: `The runner asks for ${name} before this step runs, and the document never says what it is: name it in the prose or declare it.`,
          start: script.toDocument(at.start),
          end: script.toDocument(at.end),
          data: { name },
        });
      }
    }
  },
};

/** The runner's placeholders of a script, kept with its analysis (which lives as long as the script's text is used). */
const names = new WeakMap<object, string[]>();
function namesOf(analysis: object, code: string): string[] {
  let n = names.get(analysis);
  if (!n) names.set(analysis, (n = code.includes('<') || code.includes('{') ? placeholders(code) : []));
  return n;
}

const DECLARING_KEYS = ['variables', 'inputs', 'parameters', 'params', 'env', 'vars'];

/** Names the front matter or the YAML definition declares (keys of a map, or names in a list). */
function declaredNames(model: WorkflowModel): Set<string> {
  const out = new Set<string>();
  for (const data of [model.frontmatter?.data, model.yaml?.data]) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) continue;
    for (const key of DECLARING_KEYS) {
      const v = (data as Record<string, unknown>)[key];
      if (Array.isArray(v)) {
        for (const item of v) {
          if (typeof item === 'string') out.add(item);
          else if (typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string') out.add((item as { name: string }).name);
        }
      } else if (typeof v === 'object' && v !== null) for (const k of Object.keys(v)) out.add(k);
    }
  }
  return out;
}

/** The name as a word somewhere outside the code blocks (code spans in prose count: `TARGET_NS`). */
function mentionedInProse(model: WorkflowModel, name: string): boolean {
  const blocks = model.md?.codeBlocks ?? [];
  const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  for (let at = model.text.indexOf(name); at >= 0; at = model.text.indexOf(name, at + 1)) {
    if (isWordChar(model.text.charCodeAt(at - 1)) || isWordChar(model.text.charCodeAt(at + name.length))) continue;
    if (!blocks.some((b) => b.start <= at && at < b.end)) return true;
  }
  return false;
}

/** Where the placeholder is first written in the script, in its runner form. */
function firstUse(code: string, name: string): { start: number; end: number } {
  for (const form of [`<${name}>`, `\${${name}}`]) {
    const at = code.indexOf(form);
    if (at >= 0) return { start: at, end: at + form.length };
  }
  // `{{ name }}`, blanks inside the braces allowed.
  for (let at = code.indexOf('{{'); at >= 0; at = code.indexOf('{{', at + 2)) {
    const close = code.indexOf('}}', at + 2);
    if (close >= 0 && code.slice(at + 2, close).trim() === name) return { start: at, end: close + 2 };
  }
  return { start: 0, end: 0 };
}
