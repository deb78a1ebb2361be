/**
 * Replace a YAML value with one of the values its schema allows: front matter (frontmatter.schema) and YAML
 * workflow definitions (yaml.schema).
 */
import type { Fix } from './types';
import type { RuleFixes } from './types';

export const frontmatterSchemaFixes: RuleFixes = {
  fixes({ model }, d) {
    const fm = model.frontmatter;
    const allowed = d.data?.allowed;
    const path = d.data?.path;
    if (!fm || !Array.isArray(allowed) || typeof path !== 'string' || !/^\/[^/]+$/.test(path)) return [];
    const key = path.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
    const entry = fm.entries.find((e) => e.key === key && e.valueStart === d.start && e.valueEnd === d.end && e.valueEnd > e.valueStart);
    if (!entry) return [];
    return replacements(key, model.text.slice(d.start, d.end), d.start, d.end, allowed);
  },
};

export const yamlSchemaFixes: RuleFixes = {
  fixes({ model }, d) {
    const params = d.data?.params as { allowedValues?: unknown } | undefined;
    const pointer = d.data?.pointer;
    const span = typeof pointer === 'string' ? model.yaml?.pathRanges.get(pointer) : undefined;
    if (!span || span.start !== d.start || span.end !== d.end || d.end <= d.start || !Array.isArray(params?.allowedValues)) return [];
    const key = (pointer as string).slice((pointer as string).lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
    return replacements(key, model.text.slice(d.start, d.end), d.start, d.end, params.allowedValues);
  },
};

function replacements(key: string, written: string, start: number, end: number, allowed: readonly unknown[]): Fix[] {
  const fixes: Fix[] = [];
  for (const value of allowed) {
    const newText = yamlScalar(value, written);
    if (newText === undefined) continue;
    fixes.push({ title: `Change ${key} to ${JSON.stringify(value)}`, edits: [{ start, end, newText }] });
  }
  return fixes;
}

// Numbers as `\d[\d_]*(?:\.\d[\d_]*)?|\.\d[\d_]*`, the same strings as `(?:\d[\d_]*)?\.?\d[\d_]*` without its
// every split of a long run of digits.
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*(?:\.\d[\d_]*)?|\.\d[\d_]*)(?:e[-+]?\d+)?|[-+]?\.(?:inf|nan)|0x[\da-f]+|0o[0-7]+)$/i;

/**
 * A value written as YAML: in the quotes the current value uses, else plain when YAML reads it back as the same
 * string, else double-quoted. Numbers, booleans and null are written as they are; other values are skipped.
 */
export function yamlScalar(value: unknown, written: string): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  if (written.startsWith('"')) return JSON.stringify(value);
  if (written.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  const plain = /^[A-Za-z0-9_./()][\w ./()-]*$/.test(value) && !/\s$/.test(value) && !RESERVED.test(value);
  return plain ? value : JSON.stringify(value);
}
