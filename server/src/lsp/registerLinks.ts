/**
 * Document links: paths to other workflow files and related-workflow names.
 */
import type { DocumentLink } from 'vscode-languageserver/node';
import { offsetToPosition } from '../service/text';
import type { FeatureRegistration } from './context';

export const registerLinks: FeatureRegistration = (ctx) => {
  const { connection, documents, service, settings, workspace } = ctx;

  connection.onDocumentLinks(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !ctx.isWorkflow(doc)) return [];
    const options = await settings.get(doc.uri);
    if (token.isCancellationRequested) return [];
    const model = service.parse(doc, options);
    return service.getDocumentLinks(doc, options, workspace, token).map((link): DocumentLink => {
      const result: DocumentLink = {
        range: { start: offsetToPosition(model.lineStarts, link.start), end: offsetToPosition(model.lineStarts, link.end) },
        target: link.target,
      };
      if (link.tooltip) result.tooltip = link.tooltip;
      return result;
    });
  });

  return { documentLinkProvider: { resolveProvider: false } };
};
