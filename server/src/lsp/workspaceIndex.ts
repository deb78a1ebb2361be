/**
 * The workspace index: every workflow file in the workspace folders, open or not. It keeps one small catalog
 * entry per file (facts, counts and the file's diagnostics) so `workflow/catalog` and `workspace/diagnostic`
 * answer without re-parsing everything, and parses models on demand for the other features, keeping only the
 * most recently used ones (a workspace of 2,000 documents does not stay in memory).
 *
 * Which files: Markdown files and YAML workflow definitions (by `workflowKind`) under the folders, minus
 * `node_modules` and `.git`, `files.exclude`, the `wfs.exclude` setting and `.wfs.json`'s `exclude`; when
 * `wfs.include` or `.wfs.json`'s `include` names globs, only matching files. It is incremental: a watched
 * file change re-reads that file only, and an open document's text overrides the file on disk.
 */
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
// `require` on purpose, as in the CLI: the CommonJS bundle cannot take tinyglobby's ESM build.
import tinyglobby = require('tinyglobby');
import type { LintOptions, WorkflowService } from '../service';
import type { WorkflowModel } from '../service/model';
import { workflowKind } from '../service/parse/kind';
import { parseWorkflow } from '../service/parse/workflow';
import { runRules } from '../service/engine';
import type { WorkspaceView } from '../service/workspace';
import { catalogData } from '../service/features/catalog';
import type { CatalogData } from '../service/features/catalog';
import { GlobSet } from '../service/glob';
import { CONFIG_FILE_NAME } from './workspaceConfig';
import type { SettingsCache } from './settings';
import { toLspDiagnostic } from './diagnostics';
import { FileReadError, isInside, READ_LIMITS, readBoundedText } from '../files/boundedRead';
import { deriveConvention } from '../service/conventions/derive';
import { documentShape } from '../service/conventions/shape';
import type { Convention, DocumentShape } from '../service/conventions/types';

/** What the index keeps of one file: no model, only what the catalog and the Problems panel show. */
export interface IndexEntry {
  uri: string;
  data: CatalogData;
  diagnostics: Diagnostic[];
  /** Changes whenever the entry is recomputed (the `resultId` of workspace diagnostics). */
  resultId: string;
  /** The open document's version the entry was computed from; undefined when it came from disk. */
  version?: number;
}

interface IndexedFile {
  uri: string;
  path: string;
  /** The workspace folder (URI) that holds the file. */
  folder: string;
  /** undefined: not computed yet or out of date; null: not a workflow (YAML without top-level `steps`). */
  entry: IndexEntry | null | undefined;
  /** What the file contributes to its group's convention: undefined not known yet, null none (see documentShape). */
  shape?: DocumentShape | null;
  /** Its convention group: the workspace folder's URI and the group's name, computed once per scan. */
  groupKey?: string;
}

interface FolderFilter {
  path: string;
  uri: string;
  include: GlobSet;
  exclude: GlobSet;
}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];
const PATTERNS = ['**/*.{md,markdown}', '**/*.{yaml,yml}'];
/** How many parsed models of closed files to keep (open documents live in the service's own cache). */
const MODEL_CACHE_SIZE = 32;
/** Longest stretch of indexing work before letting other messages (edits, cancellations) through. */
const SLICE_MS = 15;

const NEVER: CancellationToken = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };

export class WorkspaceIndex implements WorkspaceView {
  /** The workspace folders (URIs) to index. */
  folders: string[] = [];

  private readonly files = new Map<string, IndexedFile>();
  private readonly models = new Map<string, WorkflowModel>();
  private filters: FolderFilter[] = [];
  private scanned = false;
  /** Pulled `files`/`wfs` settings per folder URI: files.exclude, wfs.include, wfs.exclude. */
  private folderSettings = new Map<string, { filesExclude: string[]; include: string[]; exclude: string[] }>();
  private settingsPulled: Promise<void> | undefined;
  private generation = 0;
  private connection: Connection | undefined;
  private docsBase: () => string | undefined = () => undefined;
  private readonly listeners: (() => void)[] = [];
  /** Each group's convention, by group key; null: the group has none. Dropped when a member's shape changes. */
  private readonly conventions = new Map<string, Convention | null>();
  private readonly conventionListeners: ((uris: readonly string[]) => void)[] = [];
  /** How many files the index has read from disk (the convention request reports it, for diagnosis and tests). */
  diskReads = 0;

  constructor(
    private readonly service: WorkflowService,
    private readonly documents: TextDocuments<TextDocument>,
    readonly settings: SettingsCache,
    readonly log: (message: string) => void,
  ) {
    documents.onDidChangeContent((e) => this.invalidate(e.document.uri));
    documents.onDidClose((e) => this.invalidate(e.document.uri));
  }

  setFolders(uris: readonly string[]): void {
    this.folders = [...uris];
    this.scanned = false;
  }

  /**
   * Connects the index to the client: file watching (registered dynamically when the client can), settings
   * pulled per folder, and links to the rules' docs. Called once the client has sent `initialized`.
   */
  attach(connection: Connection, docsBase: () => string | undefined, canPullSettings: boolean, canRegisterWatchers: boolean): void {
    this.connection = connection;
    this.docsBase = docsBase;
    if (canPullSettings) this.settingsPulled = this.pullFolderSettings();
    if (canRegisterWatchers) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.{md,markdown,yaml,yml}' }, { globPattern: `**/${CONFIG_FILE_NAME}` }],
        })
        .catch((e: unknown) => this.log(`wfs: cannot watch files: ${(e as Error).message}`));
    }
    connection.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) this.fileChanged(change.uri, change.type);
      this.changed();
    });
  }

  /** Settings changed: pull the folder filters again and recompute every entry (rule severities may differ). */
  settingsChanged(): void {
    if (this.connection && this.settingsPulled) this.settingsPulled = this.pullFolderSettings();
    this.scanned = false;
    for (const file of this.files.values()) file.entry = undefined;
    this.models.clear();
    this.forgetConventions();
    this.changed();
  }

  /** Runs `listener` when indexed files change on disk or settings change (not on every keystroke). */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  uris(): readonly string[] {
    this.ensureScanned();
    const out: string[] = [];
    for (const file of this.files.values()) if (file.entry !== null) out.push(file.uri);
    for (const doc of this.documents.all()) {
      if (!this.files.has(doc.uri) && workflowKind(doc.uri, doc.getText())) out.push(doc.uri);
    }
    return out;
  }

  model(uri: string): WorkflowModel | undefined {
    const doc = this.documents.get(uri);
    if (doc) return workflowKind(doc.uri, doc.getText()) ? this.service.parse(doc, this.settings.peek(uri)) : undefined;
    this.ensureScanned();
    const file = this.files.get(uri);
    if (!file || file.entry === null) return undefined;
    let model = this.models.get(uri);
    if (model) {
      // Most recently used last: the first key is the one to evict.
      this.models.delete(uri);
      this.models.set(uri, model);
      return model;
    }
    const text = this.readText(file.path);
    if (text === undefined || !workflowKind(file.path, text)) return undefined;
    model = parseWorkflow(uri, -1, text, this.settings.peek(uri, file.folder));
    this.remember(uri, model);
    return model;
  }

  /** Keeps a closed file's model among the most recently used ones. */
  private remember(uri: string, model: WorkflowModel): void {
    this.models.delete(uri);
    this.models.set(uri, model);
    if (this.models.size > MODEL_CACHE_SIZE) this.models.delete(this.models.keys().next().value as string);
  }

  /**
   * Runs `listener` with the other members of a group whose convention changed because one member was edited
   * (their findings changed; the edited document's own are recomputed anyway).
   */
  onConventionChange(listener: (uris: readonly string[]) => void): void {
    this.conventionListeners.push(listener);
  }

  /**
   * The convention of the group `uri` belongs to, learned from the shapes the index keeps of the group's files: a
   * file is read from disk only when its shape is not known yet, and an edit re-derives only its own group.
   */
  conventionFor(uri: string): Convention | undefined {
    this.ensureScanned();
    let file = this.files.get(uri);
    if (file?.entry === null) return undefined;
    if (!file) {
      // A file not indexed (yet): New Workflow asks for the group a new file in a folder would join.
      if (!uri.startsWith('file:')) return undefined;
      const path = fileURLToPath(uri);
      const filter = this.filters.filter((f) => isInside(f.path, path)).sort((a, b) => b.path.length - a.path.length)[0];
      if (!filter) return undefined;
      file = { uri, path, folder: filter.uri, entry: undefined };
    }
    const key = this.groupKeyOf(file);
    let convention = this.conventions.get(key);
    if (convention === undefined) convention = this.learn(key, file);
    return convention ?? undefined;
  }

  /**
   * Learns a group's convention from its members' shapes, reading only the files whose shape is not known. The
   * entries of closed files read here are computed from the models at hand, then the models dropped: a file is
   * read once, and the index keeps no text.
   */
  private learn(key: string, file: IndexedFile): Convention | null {
    const shapes: DocumentShape[] = [];
    const fresh: [IndexedFile, WorkflowModel][] = [];
    for (const member of this.members(key)) {
      if (member.shape === undefined) {
        const model = this.modelOf(member);
        member.shape = (model && documentShape(model)) ?? null;
        if (!model) member.entry = null;
        else if (member.entry === undefined && !this.documents.get(member.uri)) fresh.push([member, model]);
      }
      if (member.shape) shapes.push(member.shape);
    }
    const name = key.slice(key.indexOf('\n') + 1);
    const convention = deriveConvention(name, shapes, this.settings.configs.groupingOf(fileURLToPath(file.folder)).settings) ?? null;
    this.conventions.set(key, convention);
    for (const [member, model] of fresh) if (member.entry === undefined) member.entry = this.entryOf(member, model);
    return convention;
  }

  /** Resolves once the folders' settings have arrived (closed files are parsed with them). */
  async ready(): Promise<void> {
    await this.settingsPulled;
    await this.pullScopedSettings();
  }

  /** `options` with the convention of `uri`'s group, when it has one. */
  withConvention(options: LintOptions, uri: string): LintOptions {
    const convention = this.conventionFor(uri);
    return convention ? { ...options, convention } : options;
  }

  /** Whether `uri` is an indexed workflow file. */
  has(uri: string): boolean {
    this.ensureScanned();
    const file = this.files.get(uri);
    return !!file && file.entry !== null;
  }

  /**
   * Every indexed workflow's entry (only those under `folders` when given), computing the ones that are out
   * of date. Undefined when the token was cancelled first.
   */
  async entries(token: CancellationToken = NEVER, folders?: readonly string[]): Promise<IndexEntry[] | undefined> {
    await this.settingsPulled;
    await this.pullScopedSettings();
    this.ensureScanned();
    const inFolders = folders && folders.length > 0 ? folders.map((f) => f.replace(/\/?$/, '/')) : undefined;
    const out: IndexEntry[] = [];
    let sliceStart = performance.now();
    for (const file of this.files.values()) {
      if (inFolders && !inFolders.some((f) => file.uri.startsWith(f))) continue;
      if (token.isCancellationRequested) return undefined;
      if (file.entry === undefined) {
        file.entry = this.compute(file);
        if (performance.now() - sliceStart > SLICE_MS) {
          // Let queued messages (edits, $/cancelRequest) run; the loop picks up whatever changed meanwhile.
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
          if (token.isCancellationRequested) return undefined;
        }
      }
      // A file may have changed again while the loop yielded; it is then recomputed by the next request.
      if (file.entry) out.push(file.entry);
    }
    return out;
  }

  /** Whether the document is open in the editor (its diagnostics then come from the document, not the index). */
  isOpen(uri: string): boolean {
    return this.documents.get(uri) !== undefined;
  }

  private compute(file: IndexedFile): IndexEntry | null {
    const model = this.modelOf(file);
    if (!model) return null;
    if (file.shape === undefined) file.shape = documentShape(model) ?? null;
    return this.entryOf(file, model);
  }

  /**
   * The file's model: the open document's (the service caches it), a recently used one, or parsed from disk
   * without keeping it (the index keeps entries and shapes, not texts). Undefined when it is no workflow.
   */
  private modelOf(file: IndexedFile): WorkflowModel | undefined {
    const doc = this.documents.get(file.uri);
    const options: LintOptions = this.settings.peek(file.uri, file.folder);
    if (doc) return workflowKind(doc.uri, doc.getText()) ? this.service.parse(doc, options) : undefined;
    const cached = this.models.get(file.uri);
    if (cached) return cached;
    const text = this.readText(file.path);
    if (text === undefined || !workflowKind(file.path, text)) return undefined;
    return parseWorkflow(file.uri, -1, text, options);
  }

  private entryOf(file: IndexedFile, model: WorkflowModel): IndexEntry {
    const doc = this.documents.get(file.uri);
    const options: LintOptions = this.withConvention(this.settings.peek(file.uri, file.folder), file.uri);
    const diagnostics = doc ? this.service.getDiagnostics(doc, options) : runRules(model, options, NEVER, { log: this.log });
    // The entry outlives the text: a copy, so that no title or message cut from the text keeps all of it in
    // memory (a slice is a view into the string it was cut from), which for a workspace is every file's text.
    const entry: IndexEntry = structuredClone({
      uri: file.uri,
      data: catalogData(model, diagnostics),
      diagnostics: diagnostics.map((d) => toLspDiagnostic(d, model, this.docsBase())),
      resultId: `wfs-${++this.generation}`,
    });
    if (doc) entry.version = doc.version;
    return entry;
  }

  private invalidate(uri: string): void {
    const file = this.files.get(uri);
    if (file) file.entry = undefined;
    this.models.delete(uri);
    if (file) this.reshape(file);
  }

  /**
   * An open document changed (or closed): its shape is read again from its model (which the diagnostics parse
   * anyway), and only when it differs is its group's convention derived again, from the shapes the index keeps
   * (no sibling is read again). When the convention changed, the siblings' findings did too.
   */
  private reshape(file: IndexedFile): void {
    const before = file.shape;
    file.shape = undefined;
    if (before === undefined) return;
    const key = this.groupKeyOf(file);
    if (!this.conventions.has(key)) return;
    const after = this.shapeOf(file, true);
    if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) return;
    this.regroup(file, key);
  }

  /**
   * A member of the group `key` changed, came or went: the convention is derived again from the shapes the index
   * keeps (reading only a file whose shape is not known), and when it differs, the other members' findings are out
   * of date (their entries are recomputed on next use, and the listeners republish the open ones).
   */
  private regroup(file: IndexedFile, key: string): void {
    const old = this.conventions.get(key);
    // Never learned: nothing depends on it yet.
    if (old === undefined) return;
    this.conventions.delete(key);
    const now = this.learn(key, file);
    if (JSON.stringify(old) === JSON.stringify(now)) return;
    const siblings: string[] = [];
    for (const member of this.members(key)) {
      if (member === file) continue;
      member.entry = undefined;
      siblings.push(member.uri);
    }
    for (const listener of this.conventionListeners) listener(siblings);
  }

  /** The file's shape, from its model (the open document's, or the file on disk's when its shape is not known yet). */
  private shapeOf(file: IndexedFile, keepModel = false): DocumentShape | undefined {
    if (file.shape === undefined) {
      const model = this.modelOf(file);
      file.shape = (model && documentShape(model)) ?? null;
      // A closed file changed on disk: its entry is recomputed next, from this model rather than a second read.
      if (keepModel && model && !this.documents.get(file.uri)) this.remember(file.uri, model);
    }
    return file.shape ?? undefined;
  }

  private groupKeyOf(file: IndexedFile): string {
    if (file.groupKey === undefined) {
      const folder = fileURLToPath(file.folder);
      const rel = relative(folder, file.path).split('\\').join('/');
      file.groupKey = `${file.folder}\n${this.settings.configs.groupingOf(folder).groupOf(rel)}`;
    }
    return file.groupKey;
  }

  private *members(key: string): Iterable<IndexedFile> {
    for (const file of this.files.values()) if (file.entry !== null && this.groupKeyOf(file) === key) yield file;
  }

  /** Groups may differ (globs, files): every convention is learned again; shapes stay unless `shapes` too. */
  private forgetConventions(shapes = true): void {
    this.conventions.clear();
    for (const file of this.files.values()) {
      if (shapes) file.shape = undefined;
      file.groupKey = undefined;
    }
  }

  private fileChanged(uri: string, type: FileChangeType): void {
    if (!uri.startsWith('file:')) return;
    const path = fileURLToPath(uri);
    if (path.endsWith(CONFIG_FILE_NAME) && /[\\/]\.wfs\.json$/.test(path)) {
      // Include/exclude globs or rule severities may have changed: rescan, and recompute that folder's files.
      this.scanned = false;
      for (const file of this.files.values()) if (isInside(path.slice(0, -CONFIG_FILE_NAME.length - 1), file.path)) file.entry = undefined;
      this.models.clear();
      // Its conventions settings and groups may have changed too.
      this.forgetConventions();
      return;
    }
    this.models.delete(uri);
    if (type === FileChangeType.Deleted) {
      // A deleted folder arrives as one event for the folder.
      const prefix = uri.replace(/\/?$/, '/');
      const removed = [...this.files.values()].filter((f) => f.uri === uri || f.uri.startsWith(prefix));
      for (const file of removed) this.files.delete(file.uri);
      this.regroupAfterRemoval(removed);
      return;
    }
    if (!this.scanned) return;
    const filter = this.filters.filter((f) => isInside(f.path, path)).sort((a, b) => b.path.length - a.path.length)[0];
    const wanted = filter && /\.(md|markdown|ya?ml)$/i.test(path) && this.wanted(filter, path);
    const known = this.files.get(uri);
    if (!filter || !wanted) {
      if (known) {
        this.files.delete(uri);
        this.regroupAfterRemoval([known]);
      }
      return;
    }
    if (known) {
      known.entry = undefined;
      this.reshape(known);
    } else {
      const added: IndexedFile = { uri, path, folder: filter.uri, entry: undefined };
      this.files.set(uri, added);
      this.regroup(added, this.groupKeyOf(added));
    }
  }

  /** Files left the index: each group they belonged to learns its convention again from the shapes left. */
  private regroupAfterRemoval(removed: readonly IndexedFile[]): void {
    const groups = new Map<string, IndexedFile>();
    for (const file of removed) if (file.shape !== undefined) groups.set(this.groupKeyOf(file), file);
    for (const [key, file] of groups) this.regroup(file, key);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private wanted(filter: FolderFilter, path: string): boolean {
    const rel = relative(filter.path, path).split('\\').join('/');
    if (filter.exclude.size > 0 && filter.exclude.matches(rel)) return false;
    return filter.include.size === 0 || filter.include.matches(rel);
  }

  /** Lists the folders' files (a directory walk, no file is read here) when the folders or filters changed. */
  private ensureScanned(): void {
    if (this.scanned) return;
    this.scanned = true;
    // Files may have come or gone, and the groups' globs changed: conventions are learned again on next use, from
    // the shapes already known (a shape depends on the file and the parse options only).
    this.forgetConventions(false);
    this.filters = this.folders
      .filter((u) => u.startsWith('file:'))
      .map((uri) => {
        const path = fileURLToPath(uri);
        const fromConfig = this.settings.configs.filesOf(path);
        const pulled = this.folderSettings.get(uri) ?? { filesExclude: [], include: [], exclude: [] };
        return {
          path,
          uri,
          include: new GlobSet([...pulled.include, ...fromConfig.include]),
          exclude: new GlobSet([...pulled.filesExclude, ...pulled.exclude, ...fromConfig.exclude]),
        };
      });
    const seen = new Set<string>();
    for (const filter of this.filters) {
      // An invalid glob of the settings is left out (the config's own are reported when it is read).
      for (const error of [...filter.include.errors, ...filter.exclude.errors]) this.log(`wfs: ${filter.path}: ${error}`);
      let found: string[] = [];
      try {
        found = tinyglobby.globSync(PATTERNS, { cwd: filter.path, absolute: true, dot: true, ignore: ALWAYS_IGNORED, followSymbolicLinks: false });
      } catch (e) {
        this.log(`wfs: cannot list ${filter.path}: ${(e as Error).message}`);
      }
      for (const path of found.sort()) {
        if (!this.wanted(filter, path)) continue;
        const uri = pathToFileURL(path).toString();
        if (seen.has(uri)) continue;
        seen.add(uri);
        if (!this.files.has(uri)) this.files.set(uri, { uri, path, folder: filter.uri, entry: undefined });
      }
    }
    for (const uri of [...this.files.keys()]) if (!seen.has(uri)) this.files.delete(uri);
  }

  /**
   * A closed file's text: a regular file inside the workspace folders (a watched change may be a symlink to
   * /dev/zero or out of the workspace), within the document size limit. Undefined, with a log line, otherwise.
   */
  private readText(path: string): string | undefined {
    this.diskReads++;
    try {
      const folders = this.folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
      return readBoundedText(path, READ_LIMITS.document, { within: { roots: folders, what: 'the workspace' } });
    } catch (e) {
      // A file that vanished between the event and the read is no news.
      if (!(e instanceof FileReadError && e.reason === 'missing')) this.log(`wfs: skipped ${path}: ${(e as Error).message}`);
      return undefined;
    }
  }

  /** Pulls `files.exclude`, `wfs.include` and `wfs.exclude` for every folder. */
  private async pullFolderSettings(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    const next = new Map<string, { filesExclude: string[]; include: string[]; exclude: string[] }>();
    await Promise.all(
      this.folders.map(async (uri) => {
        try {
          const [files, wfs] = (await connection.workspace.getConfiguration([
            { scopeUri: uri, section: 'files' },
            { scopeUri: uri, section: 'wfs' },
          ])) as [{ exclude?: Record<string, unknown> } | null, { include?: unknown; exclude?: unknown } | null];
          next.set(uri, {
            // files.exclude values are `true` or a `when` clause on sibling files; a clause cannot be checked
            // without listing siblings, so only plain `true` entries exclude.
            filesExclude: Object.entries(files?.exclude ?? {}).filter(([, on]) => on === true).map(([glob]) => glob),
            include: strings(wfs?.include),
            exclude: strings(wfs?.exclude),
          });
        } catch (e) {
          this.log(`wfs: cannot read settings of ${uri}: ${(e as Error).message}`);
        }
      }),
    );
    const before = JSON.stringify([...this.folderSettings]);
    this.folderSettings = next;
    if (JSON.stringify([...next]) !== before) this.scanned = false;
  }

  /** Makes sure every folder's `wfs` lint settings have arrived, so `settings.peek` sees them for closed files. */
  private async pullScopedSettings(): Promise<void> {
    await Promise.all(this.folders.map((uri) => this.settings.getScoped(uri, uri)));
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}
