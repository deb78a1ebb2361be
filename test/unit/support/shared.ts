/**
 * The sibling `../shared` folder (real documents in `corpus/`, the five seed documents in `seeds/`). A clone of
 * this repository on its own has no such folder: the tests that read it are skipped with `sharedMissing` as the
 * reason, and the project's own fixtures (test/fixtures/formats and test/fixtures/yaml) cover the behaviour
 * they check, so a clone still fails when a feature is deleted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { discoverFiles, isWorkflowCandidate, toSlash } from '../../../server/src/cli/discover';

export const SHARED = join(__dirname, '..', '..', '..', '..', 'shared');
export const CORPUS = join(SHARED, 'corpus');
export const SEEDS = join(SHARED, 'seeds');

/** `false` when ../shared has its corpus and seeds; otherwise why the tests that read them are skipped. */
export const sharedMissing: string | false =
  existsSync(CORPUS) && existsSync(SEEDS) ? false : 'needs ../shared (corpus/ and seeds/ beside the repository), which is not there';

export interface SharedDocument {
  /** "corpus/name.md" or "seeds/name.txt". */
  name: string;
  path: string;
  text: string;
}

let documents: SharedDocument[] | undefined;

/**
 * The workflow documents of ../shared, in name order: what `wfs lint corpus "seeds/*.txt"` lints there. The
 * corpus folder also holds the labels and notes of the real-documents work (labels.json, LABELING.txt,
 * SOURCES.tsv); the CLI's own discovery leaves them out, so no list of names is kept here.
 */
export function sharedDocuments(): SharedDocument[] {
  // Several tests of a file read them: the folder is read once.
  if (documents) return documents;
  const out: SharedDocument[] = [];
  for (const candidate of discoverFiles(['corpus', 'seeds/*.txt'], { cwd: SHARED, baseDir: SHARED })) {
    const text = readFileSync(candidate.absPath, 'utf8');
    if (isWorkflowCandidate(candidate, text)) out.push({ name: toSlash(relative(SHARED, candidate.absPath)), path: candidate.absPath, text });
  }
  documents = out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return documents;
}
