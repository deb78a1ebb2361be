// Every workflow document of ../shared/corpus and ../shared/seeds lints without an exception, and the number of
// diagnostics per file per rule matches the reviewed snapshot in test/fixtures/corpus-snapshot.json. Skipped in a
// clone without ../shared; formats.test.ts checks the seed formats on the project's own fixtures.
// After a deliberate change, review the new numbers and write them with:
//   UPDATE_SNAPSHOT=1 node --import tsx --test test/unit/corpus.test.ts
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createWorkflowService } from '../../server/src/service';
import { sharedDocuments, sharedMissing } from './support/shared';

const SNAPSHOT = join(__dirname, '..', 'fixtures', 'corpus-snapshot.json');
// Default options, except a fixed "now": LAST-AUDITED staleness would otherwise change the counts over time.
const OPTIONS = { now: new Date('2026-06-01T00:00:00Z') };

interface FileCounts {
  format: string;
  total: number;
  rules: Record<string, number>;
}

describe('the corpus and seeds of ../shared', { skip: sharedMissing }, () => {
  const service = createWorkflowService();
  const documents = sharedDocuments();
  const actual: Record<string, FileCounts> = {};

  for (const { name, path, text } of documents) {
    test(`lints ${name} without an exception`, () => {
      const doc = { uri: pathToFileURL(path).href, version: 1, getText: () => text };
      const diagnostics = service.getDiagnostics(doc, OPTIONS);
      const rules: Record<string, number> = {};
      for (const d of diagnostics) {
        assert.ok(d.start >= 0 && d.start <= d.end && d.end <= text.length, `${d.code}: bad range ${d.start}-${d.end}`);
        rules[d.code] = (rules[d.code] ?? 0) + 1;
      }
      actual[name] = { format: service.parse(doc, OPTIONS).format, total: diagnostics.length, rules: sortKeys(rules) };
    });
  }

  test('diagnostic counts match the reviewed snapshot', () => {
    assert.equal(Object.keys(actual).length, documents.length, 'every document was linted');
    if (process.env.UPDATE_SNAPSHOT) {
      writeFileSync(SNAPSHOT, JSON.stringify(sortKeys(actual), null, 2) + '\n');
      return;
    }
    const expected = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Record<string, FileCounts>;
    const diff = snapshotDiff(expected, actual);
    assert.ok(
      diff.length === 0,
      `the corpus diagnostics differ from test/fixtures/corpus-snapshot.json:\n  ${diff.join('\n  ')}\n` +
        'If the change is intended, review it and run: UPDATE_SNAPSHOT=1 node --import tsx --test test/unit/corpus.test.ts',
    );
  });
});

function snapshotDiff(expected: Record<string, FileCounts>, got: Record<string, FileCounts>): string[] {
  const lines: string[] = [];
  for (const name of [...new Set([...Object.keys(expected), ...Object.keys(got)])].sort()) {
    const e = expected[name];
    const g = got[name];
    if (!e) {
      lines.push(`${name}: not in the snapshot (${g.total} diagnostics)`);
      continue;
    }
    if (!g) {
      lines.push(`${name}: in the snapshot but no longer linted`);
      continue;
    }
    if (e.format !== g.format) lines.push(`${name}: format ${e.format} -> ${g.format}`);
    for (const rule of [...new Set([...Object.keys(e.rules), ...Object.keys(g.rules)])].sort()) {
      const before = e.rules[rule] ?? 0;
      const after = g.rules[rule] ?? 0;
      if (before !== after) lines.push(`${name}: ${rule} ${before} -> ${after}`);
    }
  }
  return lines;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
