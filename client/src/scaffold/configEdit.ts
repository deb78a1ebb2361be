/**
 * Pointing `.wfs.json` at a group's template: `templates[glob] = path`, edited in place with jsonc-parser so the
 * user's comments, other keys and layout stay as they were. Free of VS Code.
 */
// The ES module build: the UMD one (the package's `main`) loads its parts with a `require` esbuild cannot bundle.
import { applyEdits, findNodeAtLocation, modify, parse, parseTree, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
import type { ParseError } from 'jsonc-parser/lib/esm/main.js';

export type ConfigEdit = { text: string } | { error: string };

/**
 * The config's new text with `templates[glob]` set to `path`; a config that does not exist yet (undefined) becomes
 * one with only that. A config that does not parse, or whose top level or `templates` is no object, is refused with
 * a message saying where: nothing the user wrote is lost.
 */
export function setGroupTemplate(configText: string | undefined, glob: string, path: string): ConfigEdit {
  const text = configText === undefined || configText.trim() === '' ? '{}\n' : configText;
  const errors: ParseError[] = [];
  const data = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (errors.length > 0) {
    const first = errors[0];
    const line = text.slice(0, first.offset).split('\n').length;
    return { error: `.wfs.json does not parse (${printParseErrorCode(first.error)} on line ${line}): fix it, then save the convention again.` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { error: '.wfs.json is not a JSON object: fix it, then save the convention again.' };
  const templates = (data as Record<string, unknown>).templates;
  if (templates !== undefined && (typeof templates !== 'object' || templates === null || Array.isArray(templates)))
    return { error: '.wfs.json has a "templates" key that is not an object of glob -> template path: fix it, then save the convention again.' };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = firstIndent(text) || '  ';
  const root = parseTree(text);
  if (!root) return { error: '.wfs.json is not a JSON object: fix it, then save the convention again.' };
  const templatesNode = findNodeAtLocation(root, ['templates']);
  const entry = `${JSON.stringify(glob)}: ${JSON.stringify(path)}`;
  // A glob already there: only its value changes.
  if (templatesNode && findNodeAtLocation(templatesNode, [glob])) return { text: applyEdits(text, modify(text, ['templates', glob], path, {})) };
  // Otherwise the new text goes after the object's last member, as written: jsonc-parser's own insertion would
  // reformat the member before it.
  const [object, text2] = templatesNode ? [templatesNode, `${indent}${indent}${entry}`] : [root, `${indent}"templates": {${eol}${indent}${indent}${entry}${eol}${indent}}`];
  const last = object.children?.[object.children.length - 1];
  const closing = templatesNode ? indent : '';
  const insert = last ? { at: last.offset + last.length, text: `,${eol}${text2}` } : { at: object.offset + 1, text: `${eol}${text2}${eol}${closing}` };
  return { text: text.slice(0, insert.at) + insert.text + text.slice(insert.at) };
}

/** The indentation of the first indented line, so the new key is indented like the others ('' when none is). */
function firstIndent(text: string): string {
  for (const line of text.split('\n')) {
    const content = line.trimStart();
    if (content !== '' && content.length < line.length) return line.slice(0, line.length - content.length);
  }
  return '';
}
