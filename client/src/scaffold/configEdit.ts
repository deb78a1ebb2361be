/**
 * Pointing `.wfs.json` at a group's template: `templates[glob] = path`, edited in place with jsonc-parser so the
 * user's comments, other keys and layout stay as they were. Free of VS Code.
 */
// The ES module build: the UMD one (the package's `main`) loads its parts with a `require` esbuild cannot bundle.
import { applyEdits, modify, parse, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
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
  const indent = firstIndent(text);
  const edits = modify(text, ['templates', glob], path, {
    formattingOptions: { insertSpaces: !indent.startsWith('\t'), tabSize: indent && !indent.startsWith('\t') ? indent.length : 2, eol },
  });
  return { text: applyEdits(text, edits) };
}

/** The indentation of the first indented line, so the new key is indented like the others ('' when none is). */
function firstIndent(text: string): string {
  for (const line of text.split('\n')) {
    const content = line.trimStart();
    if (content !== '' && content.length < line.length) return line.slice(0, line.length - content.length);
  }
  return '';
}
