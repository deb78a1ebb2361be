/**
 * The custom requests of protocol.ts: `workflow/steps` (what the client's runner shows as code lenses and
 * runs) and `workflow/catalog` (the workspace index's entries). Also connects the workspace index to the
 * client (file watching, folder settings), since the catalog is its main consumer.
 */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { Range } from 'vscode-languageserver/node';
import { CatalogRequest, StepsRequest } from '../protocol';
import type { CatalogEntry, CommandInfo, StepFieldInfo, StepInfo, StepsResult } from '../protocol';
import { workflowSteps } from '../service/features/steps';
import type { StepCommandData, StepData, StepFieldData } from '../service/features/steps';
import { offsetToPosition } from '../service/text';
import type { FeatureRegistration } from './context';
import { WorkspaceIndex } from './workspaceIndex';

export const registerCustomRequests: FeatureRegistration = (ctx) => {
  const { connection, documents, settings } = ctx;
  const index = ctx.workspace instanceof WorkspaceIndex ? ctx.workspace : undefined;

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
    const model = doc ? (ctx.isWorkflow(doc) ? ctx.service.parse(doc, await settings.get(uri)) : undefined) : ctx.workspace.model(uri);
    if (!model || token.isCancellationRequested) return null;
    const data = workflowSteps(model);
    const range = (start: number, end: number): Range => ({ start: offsetToPosition(model.lineStarts, start), end: offsetToPosition(model.lineStarts, end) });
    const command = (c: StepCommandData): CommandInfo => ({ lang: c.lang, code: c.code, range: range(c.start, c.end), contentRange: range(c.contentStart, c.contentEnd), inline: c.inline });
    const field = (f: StepFieldData): StepFieldInfo => ({ text: f.text, range: range(f.start, f.end), commands: f.commands.map(command) });
    const step = (s: StepData): StepInfo => {
      const info: StepInfo = {
        index: s.index,
        title: s.title,
        range: range(s.start, s.end),
        titleRange: range(s.titleStart, s.titleEnd),
        source: s.source,
        kind: s.kind,
        commands: s.commands.map(command),
      };
      if (s.reason) info.reason = s.reason;
      if (s.number !== undefined) info.number = s.number;
      if (s.numberText !== undefined) info.numberText = s.numberText;
      if (s.mode) info.mode = s.mode;
      if (s.actor) info.actor = s.actor;
      if (s.duration) info.duration = s.duration;
      if (s.validation) info.validation = field(s.validation);
      if (s.rollback) info.rollback = field(s.rollback);
      if (s.yaml) {
        const { retry, conditions, ...rest } = s.yaml;
        info.yaml = { ...rest, conditions: conditions.map((c) => ({ kind: c.kind, target: c.target, range: range(c.start, c.end) })) };
        if (retry) {
          const { start, end, ...policy } = retry;
          info.yaml.retry = { ...policy, range: range(start, end) };
        }
      }
      if (s.skill) info.skill = { id: s.skill.id, range: range(s.skill.start, s.skill.end) };
      return info;
    };
    const result: StepsResult = { uri, format: data.format, steps: data.steps.map(step) };
    if (doc) result.version = doc.version;
    if (data.title) result.title = data.title;
    if (data.risk) result.risk = data.risk;
    if (data.cwd) result.cwd = data.cwd;
    return result;
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
