/**
 * The project's own documents, written for its tests in the formats of the five seeds: test/fixtures/formats
 * (the front-matter template, the FILE header, the numbered catalog template with its "0. Index Entry", skill
 * sequences) and test/fixtures/yaml (YAML definitions), with test/fixtures/templates and
 * test/fixtures/frontmatter beside them. Tests run on these whether or not the sibling shared folder is there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
export const FORMATS_DIR = join(FIXTURES, 'formats');
export const YAML_DIR = join(FIXTURES, 'yaml');

export const formatFixture = (name: string): string => readFileSync(join(FORMATS_DIR, name), 'utf8');
export const yamlFixture = (name: string): string => readFileSync(join(YAML_DIR, name), 'utf8');

export interface OwnDocument {
  /** "formats/name.md", relative to test/fixtures. */
  name: string;
  text: string;
}

/**
 * Every Markdown document among the fixtures, by name. The rule fixtures are left out: their marker lines make
 * them test scripts rather than documents.
 */
export function ownMarkdownDocuments(): OwnDocument[] {
  const out: OwnDocument[] = [];
  for (const folder of ['formats', 'frontmatter', 'templates']) {
    for (const file of readdirSync(join(FIXTURES, folder)).sort()) {
      if (file.endsWith('.md')) out.push({ name: `${folder}/${file}`, text: readFileSync(join(FIXTURES, folder, file), 'utf8') });
    }
  }
  return out;
}

/** The Markdown and YAML files under `dir/sub`, recursively, as paths relative to `dir`, in name order. */
export function workflowFiles(dir: string, sub = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...workflowFiles(dir, rel));
    else if (/\.(?:md|ya?ml)$/.test(entry.name)) out.push(rel);
  }
  return out.sort();
}
