/**
 * Diagnostics: pushed on open and change.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureRegistration } from './context';
import { toLspDiagnostic } from './diagnostics';

export const registerDiagnostics: FeatureRegistration = (ctx) => {
  const { connection, documents, service, settings } = ctx;

  async function validate(doc: TextDocument): Promise<void> {
    if (!ctx.isWorkflow(doc)) return;
    const version = doc.version;
    const options = await settings.get(doc.uri);
    // A newer version arrived while settings were pulled: its own validation reports.
    if (documents.get(doc.uri)?.version !== version) return;
    const diagnostics = service.getDiagnostics(doc, options);
    const model = service.parse(doc, options);
    void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: diagnostics.map((d) => toLspDiagnostic(d, model, ctx.docsBase())) });
  }

  documents.onDidChangeContent((e) => void validate(e.document));
  documents.onDidClose((e) => void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  ctx.onSettingsChanged(() => {
    for (const doc of documents.all()) void validate(doc);
  });
  return {};
};
