/**
 * The workspace index. For now: the open workflow documents only.
 */
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkflowService } from '../service';
import type { WorkflowModel } from '../service/model';
import { workflowKind } from '../service/parse/kind';
import type { WorkspaceView } from '../service/workspace';
import type { SettingsCache } from './settings';

export class WorkspaceIndex implements WorkspaceView {
  /** The workspace folders (URIs) to index. */
  folders: string[] = [];

  constructor(
    private readonly service: WorkflowService,
    private readonly documents: TextDocuments<TextDocument>,
    readonly settings: SettingsCache,
    readonly log: (message: string) => void,
  ) {}

  setFolders(uris: readonly string[]): void {
    this.folders = [...uris];
  }

  uris(): readonly string[] {
    return this.documents.all().filter((d) => workflowKind(d.uri, d.getText())).map((d) => d.uri);
  }

  model(uri: string): WorkflowModel | undefined {
    const doc = this.documents.get(uri);
    return doc ? this.service.parse(doc) : undefined;
  }
}
