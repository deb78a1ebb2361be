/**
 * The custom requests of protocol.ts: `workflow/steps` (what the client's runner shows as code lenses and
 * runs) and `workflow/catalog` (the workspace index's entries). Also connects the workspace index to the
 * client (file watching, folder settings), since the catalog is its main consumer.
 */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { CatalogRequest, ConventionRequest, ExportRequest, GraphRequest, StepsRequest } from '../protocol';
import type { CatalogEntry, ConventionResult, ExportResult, GraphResult, StepsResult } from '../protocol';
import { graphResult } from './graphResult';
import { exportWorkflow, findExportTarget, isExportRefusal } from '../service/export';
import { workflowSteps } from '../service/features/steps';
import { stepsResult } from '../run/steps';
import { conventionTemplate, groupGlob, templatePathFor } from '../service/conventions/template';
import type { FeatureRegistration } from './context';
import { WorkspaceIndex } from './workspaceIndex';
import { ExportedWorkflows } from './exportedWorkflows';

export const registerCustomRequests: FeatureRegistration = (ctx) => {
  const { connection, documents, settings } = ctx;
  const index = ctx.workspace instanceof WorkspaceIndex ? ctx.workspace : undefined;
  const exported = new ExportedWorkflows();

  ctx.onInitialized(() => {
    const capabilities = ctx.initializeParams()?.capabilities;
    index?.attach(
      connection,
      () => ctx.docsBase(),
      !!capabilities?.workspace?.configuration,
      !!capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    );
  });
  ctx.onSettingsChanged(() => index?.settingsChanged());

  connection.onRequest(StepsRequest, async (params, token): Promise<StepsResult | null> => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') return null;
    const doc = documents.get(uri);
    // Open documents use their own settings (a format forced for them, a template); closed ones the index's.
    const options = await settings.get(uri);
    const model = doc ? (ctx.isWorkflow(doc) ? ctx.service.parse(doc, options) : undefined) : ctx.workspace.model(uri);
    if (!model || token.isCancellationRequested) return null;
    return stepsResult(uri, model, doc?.version, options);
  });

  // The graph of the same steps, with the findings the Problems view shows for the document, laid out.
  connection.onRequest(GraphRequest, async (params, token): Promise<GraphResult | null> => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') return null;
    const format = params.format === 'mermaid' || params.format === 'svg' ? params.format : undefined;
    const doc = documents.get(uri);
    if (doc) {
      if (!ctx.isWorkflow(doc)) return null;
      const options = await settings.get(uri);
      const model = ctx.service.parse(doc, options);
      const diagnostics = ctx.service.getDiagnostics(doc, options, token);
      return token.isCancellationRequested ? null : graphResult(uri, model, diagnostics, doc.version, format);
    }
    const model = ctx.workspace.model(uri);
    // A closed document: the graph without findings (the index keeps models, not diagnostics).
    return !model || token.isCancellationRequested ? null : graphResult(uri, model, [], undefined, format);
  });

  // The file `wfs export` would write, from the same steps; the client writes it (it asks before replacing a hand edit).
  connection.onRequest(ExportRequest, async (params, token): Promise<ExportResult | null> => {
    const uri = params?.textDocument?.uri;
    const target = typeof params?.target === 'string' ? findExportTarget(params.target) : undefined;
    if (typeof uri !== 'string' || typeof params.source !== 'string' || !target) return null;
    const doc = documents.get(uri);
    // The settings' destructive commands (.wfs.json) decide which steps wait for the approval environment.
    const options = await settings.get(uri);
    const model = doc ? (ctx.isWorkflow(doc) ? ctx.service.parse(doc, options) : undefined) : ctx.workspace.model(uri);
    if (!model || token.isCancellationRequested) return null;
    try {
      const result = exportWorkflow(target, { path: params.source, workflow: workflowSteps(model, options) });
      return { ...result, onDisk: exported.stateOf(uri, index?.folders ?? [], result.path, result.text) };
    } catch (e) {
      if (isExportRefusal(e)) return { refusal: e.message };
      throw e;
    }
  });

  connection.onRequest(ConventionRequest, async (params, token): Promise<ConventionResult> => {
    const uri = params?.textDocument?.uri;
    if (!index || typeof uri !== 'string') return { convention: null, template: null, diskReads: index?.diskReads ?? 0 };
    // Closed files are parsed with their folder's settings: wait for them, as the catalog does.
    await index.ready();
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled.');
    const c = index.conventionFor(uri);
    return {
      convention: c
        ? {
            group: c.group,
            noun: c.noun,
            documents: c.documents,
            threshold: c.settings.threshold,
            sections: c.sections.map(({ title, level, count }) => ({ title, level, count })),
            fields: c.fields.map(({ label, where, count }) => ({ label, where, count })),
            ...(c.steps ? { steps: { ...c.steps } } : {}),
          }
        : null,
      template: c ? { text: conventionTemplate(c), path: templatePathFor(c), glob: groupGlob(c) } : null,
      diskReads: index.diskReads,
    };
  });

  connection.onRequest(CatalogRequest, async (params, token) => {
    const entries = index ? await index.entries(token, params?.folders) : [];
    if (!entries) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled.');
    return {
      entries: entries.map((e): CatalogEntry => {
        const { title, format, category, status, risk, owner, stepCount, todoCount, problems } = e.data;
        const entry: CatalogEntry = { uri: e.uri, title, format, stepCount, todoCount, problems: { ...problems } };
        if (category !== undefined) entry.category = category;
        if (status !== undefined) entry.status = status;
        if (risk !== undefined) entry.risk = risk;
        if (owner !== undefined) entry.owner = owner;
        return entry;
      }),
    };
  });

  return {};
};
