// Conventions on the labelled corpus (../shared/corpus): the documents grouped as a team would have them, by their
// original repository folder (the default: no folder there holds 4 documents, so nothing may be found) and by their
// labelled kind (as `conventions.groups` globs would group one folder per kind). Prints each group's convention and
// every finding, writes them to test-results/corpus/conventions.md for a reader to check by eye, and asserts that
// no finding appears in a group of fewer than 4 documents and that a document matching its group gets none.
// Without ../shared/corpus it is skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createWorkflowService } from '../../server/src/service';
import type { WorkflowDiagnostic, WorkflowModel } from '../../server/src/service';
import { ConventionGrouping, deriveConvention, documentShape } from '../../server/src/service/conventions';
import type { Convention, DocumentShape, GroupConvention } from '../../server/src/service/conventions';
import { formatConventionsHuman } from '../../server/src/cli/conventions';
import { lineAt } from '../../server/src/service/text';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');
const REPORT = join(__dirname, '..', '..', 'test-results', 'corpus', 'conventions.md');
const OPTIONS = { now: new Date('2026-06-01T00:00:00Z') };

interface Doc {
  file: string;
  kind: string;
  folder: string;
  model: WorkflowModel;
  shape: DocumentShape | undefined;
}

const present = existsSync(join(CORPUS, 'labels.json')) && existsSync(join(CORPUS, 'SOURCES.tsv'));
if (!present) console.log(`corpus conventions: ${CORPUS} is absent (a clone outside the workspace); the test is skipped.`);

/** Whether a document has everything its group's convention asks, in the usual order (read from its shape). */
function matches(shape: DocumentShape, c: Convention, model: WorkflowModel): boolean {
  const keys = shape.sections.map((s) => s.key);
  const positions = c.sections.map((s) => keys.indexOf(s.key));
  if (positions.some((p) => p < 0)) return false;
  if (positions.some((p, i) => i > 0 && p < positions[i - 1])) return false;
  if (c.fields.some((f) => !shape.fields.some((g) => g.key === f.key))) return false;
  const steps = model.steps.filter((s) => s.source === 'heading' || s.source === 'list');
  if (c.steps?.validation !== undefined && steps.some((s) => !s.validation)) return false;
  if (c.steps?.rollback !== undefined && steps.some((s) => !s.rollback)) return false;
  return true;
}

test('conventions on the labelled corpus: sensible, none in small groups, none for a matching document', { skip: present ? false : `${CORPUS} is absent` }, () => {
  const labels = JSON.parse(readFileSync(join(CORPUS, 'labels.json'), 'utf8')) as Record<string, { kind: string }>;
  const paths = new Map<string, string>();
  for (const line of readFileSync(join(CORPUS, 'SOURCES.tsv'), 'utf8').split(/\r?\n/).slice(1)) {
    const [file, repo, path] = line.split('\t');
    if (file && repo && path) paths.set(file, `${repo}/${path}`);
  }
  const service = createWorkflowService({ cacheSize: 1 });
  const docs: Doc[] = Object.entries(labels).map(([file, label]) => {
    const original = paths.get(file) ?? file;
    const text = readFileSync(join(CORPUS, file), 'utf8');
    // Read under its original path, as the extension sees it in its repository.
    const model = service.parse({ uri: pathToFileURL(`/corpus/${original}`).href, version: 1, getText: () => text }, OPTIONS);
    return { file, kind: label.kind, folder: original.slice(0, original.lastIndexOf('/') + 1), model, shape: documentShape(model) };
  });

  const settings = new ConventionGrouping().settings;
  const out: string[] = ['# Conventions on the labelled corpus', ''];
  let conventions = 0;
  let findings = 0;
  let matching = 0;
  for (const [title, groupOf] of [
    ['by original folder (the default grouping)', (d: Doc) => d.folder],
    ['by labelled kind (one group per kind, as conventions.groups would make it)', (d: Doc) => `${d.kind}/`],
  ] as const) {
    const groups = new Map<string, Doc[]>();
    for (const d of docs) groups.set(groupOf(d), [...(groups.get(groupOf(d)) ?? []), d]);
    const learned: GroupConvention[] = [];
    const lines: string[] = [];
    for (const [group, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const shapes = members.map((m) => m.shape).filter((s): s is DocumentShape => s !== undefined);
      const convention = deriveConvention(group, shapes, settings);
      learned.push({ group, shapes, skipped: members.length - shapes.length, ...(convention ? { convention } : {}) });
      if (convention) conventions++;
      for (const m of members) {
        const found: WorkflowDiagnostic[] = service
          .getModelDiagnostics(m.model, convention ? { ...OPTIONS, convention } : OPTIONS)
          .filter((d) => d.code.startsWith('convention.'));
        // The rules run on every document, so a group without a convention (fewer than 4 documents) must have none.
        if (shapes.length < settings.minDocuments) assert.deepEqual(found, [], `${m.file}: a finding in ${group}, a group of ${shapes.length}`);
        if (convention && m.shape && matches(m.shape, convention, m.model)) {
          matching++;
          assert.deepEqual(found.map((d) => d.message), [], `${m.file} matches the convention of ${group} and still gets findings`);
        }
        findings += found.length;
        for (const d of found) lines.push(`- ${m.file}:${lineAt(m.model.lineStarts, d.start) + 1} ${d.code}: ${d.message}`);
      }
    }
    out.push(`## ${title}`, '', '```text', formatConventionsHuman(learned.filter((g) => g.convention), settings).trimEnd(), '```', '', '### Findings', '', ...(lines.length > 0 ? lines : ['(none)']), '');
  }
  out.push(`${conventions} conventions, ${findings} findings, ${matching} documents matching their group's convention.`);
  mkdirSync(join(REPORT, '..'), { recursive: true });
  writeFileSync(REPORT, out.join('\n') + '\n');
  console.log(out.join('\n'));
  // The corpus has groups of one kind big enough to learn from: the test must have checked something.
  assert.ok(conventions > 0, 'no group of the corpus gave a convention');
});
