/**
 * Hover over LSP: the service's Markdown and range, with links to rule pages resolved against the docs base.
 */
import { MarkupKind } from 'vscode-languageserver/node';
import type { Hover } from 'vscode-languageserver/node';
import { offsetToPosition, positionToOffset } from '../service/text';
import { isRegExpSpace, replaceDelimited } from '../service/textScan';
import type { Delimited } from '../service/textScan';
import type { FeatureRegistration } from './context';

// `](docs/rules/<id>.md)`, as `/\]\((docs\/rules\/[^)\s]+)\)/g` finds it without rescanning from every `](`.
const RULE_DOCS_LINK: Delimited = { open: '](docs/rules/', close: ')', nonEmpty: true, stop: isRegExpSpace };

export const registerHover: FeatureRegistration = (ctx) => {
  const { connection, documents, service } = ctx;

  connection.onHover(async (params, token): Promise<Hover | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !ctx.isWorkflow(doc)) return null;
    const version = doc.version;
    // With the group's convention: a section heading's hover says how common the section is among its siblings.
    const options = await ctx.lintOptions(doc.uri);
    if (token.isCancellationRequested || documents.get(doc.uri)?.version !== version) return null;
    const model = service.parse(doc, options);
    const offset = positionToOffset(model.text, model.lineStarts, params.position);
    const result = service.getHover(doc, options, offset, ctx.workspace, token);
    if (!result) return null;
    // The service links rule pages relative to the extension (`docs/rules/<id>.md`); clients need absolute links.
    const base = ctx.docsBase()?.replace(/\/$/, '');
    const value = base ? replaceDelimited(result.markdown, RULE_DOCS_LINK, (link) => `](${base}/${link.slice(2)}`) : result.markdown;
    return {
      contents: { kind: MarkupKind.Markdown, value },
      range: { start: offsetToPosition(model.lineStarts, result.start), end: offsetToPosition(model.lineStarts, result.end) },
    };
  });

  return { hoverProvider: true };
};
