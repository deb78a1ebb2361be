/**
 * Folding ranges: sections, code blocks, front matter, HTML comments, YAML steps.
 */
import { FoldingRangeKind } from 'vscode-languageserver/node';
import type { FoldingRange } from 'vscode-languageserver/node';
import type { FeatureRegistration } from './context';

const KINDS = { comment: FoldingRangeKind.Comment, region: FoldingRangeKind.Region, imports: FoldingRangeKind.Imports } as const;

export const registerFolding: FeatureRegistration = (ctx) => {
  const { connection, documents, service, settings } = ctx;

  connection.onFoldingRanges(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !ctx.isWorkflow(doc)) return [];
    const options = await settings.get(doc.uri);
    const ranges = service.getFoldingRanges(doc, options, token).map((r) => {
      const range: FoldingRange = { startLine: r.startLine, endLine: r.endLine };
      if (r.kind) range.kind = KINDS[r.kind];
      return range;
    });
    // The client may cap how many ranges it wants; the outermost (first) ones matter most.
    const limit = ctx.initializeParams()?.capabilities.textDocument?.foldingRange?.rangeLimit;
    return limit !== undefined && ranges.length > limit ? ranges.slice(0, limit) : ranges;
  });

  return { foldingRangeProvider: true };
};
