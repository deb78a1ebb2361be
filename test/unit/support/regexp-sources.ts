/**
 * Finds the regular expressions of a TypeScript source tree with the TypeScript compiler API: every regular
 * expression literal, and every `new RegExp(...)` / `RegExp(...)` whose pattern and flags are static (string
 * literals, templates and `+` of them, and `const` names bound to such values in the same file). A
 * construction whose pattern is built at run time is returned as dynamic, so a test can account for it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface RegExpSite {
  file: string;
  line: number;
  source: string;
  flags: string;
}

export interface DynamicRegExpSite {
  file: string;
  line: number;
  /** The constructor call as written. */
  text: string;
}

export function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) tsFiles(path, out);
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

export function regExpSites(file: string, label = file): { sites: RegExpSite[]; dynamic: DynamicRegExpSite[] } {
  return regExpSitesOfText(readFileSync(file, 'utf8'), label);
}

export function regExpSitesOfText(text: string, label: string): { sites: RegExpSite[]; dynamic: DynamicRegExpSite[] } {
  const sf = ts.createSourceFile(label, text, ts.ScriptTarget.Latest, true);
  const consts = new Map<string, ts.Expression>();
  const sites: RegExpSite[] = [];
  const dynamic: DynamicRegExpSite[] = [];
  const lineOf = (node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

  // Const bindings first, so a pattern may use a name declared further down the file.
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclarationList(node) && node.flags & ts.NodeFlags.Const) {
      for (const d of node.declarations) if (ts.isIdentifier(d.name) && d.initializer) consts.set(d.name.text, d.initializer);
    }
    ts.forEachChild(node, collect);
  };
  collect(sf);

  const evaluate = (node: ts.Expression, seen: Set<string> = new Set()): string | undefined => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isParenthesizedExpression(node)) return evaluate(node.expression, seen);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = evaluate(node.left, seen);
      const right = left === undefined ? undefined : evaluate(node.right, seen);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    if (ts.isTemplateExpression(node)) {
      let text = node.head.text;
      for (const span of node.templateSpans) {
        const value = evaluate(span.expression, seen);
        if (value === undefined) return undefined;
        text += value + span.literal.text;
      }
      return text;
    }
    if (ts.isIdentifier(node) && !seen.has(node.text)) {
      const init = consts.get(node.text);
      return init ? evaluate(init, new Set([...seen, node.text])) : undefined;
    }
    return undefined;
  };

  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const text = node.text;
      const slash = text.lastIndexOf('/');
      sites.push({ file: label, line: lineOf(node), source: text.slice(1, slash), flags: text.slice(slash + 1) });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [pattern, flags] = node.arguments ?? [];
      const source = pattern && evaluate(pattern);
      const flagText = flags === undefined ? '' : evaluate(flags);
      if (source !== undefined && flagText !== undefined) sites.push({ file: label, line: lineOf(node), source, flags: flagText });
      else dynamic.push({ file: label, line: lineOf(node), text: node.getText(sf).replace(/\s+/g, ' ') });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { sites, dynamic };
}
