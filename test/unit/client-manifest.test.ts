/**
 * package.json's contributions agree with the client code and the files they name: every command module is
 * contributed (and the other way round) in the "Workflow Studio" category, views match the view ids in code,
 * settings have defaults and Markdown descriptions, walkthrough media and schemas exist, activation stays off
 * plain Markdown workspaces, and the snippets expand into steps the linter accepts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createWorkflowService } from '../../server/src/service';

const ROOT = join(__dirname, '..', '..');
interface Contributes {
  commands: { command: string; title: string; category: string; enablement?: string }[];
  configuration: { properties: Record<string, { default?: unknown; markdownDescription?: string }> };
  views: Record<string, { id: string; name: string }[]>;
  viewsContainers: { activitybar: { id: string; title: string; icon: string }[] };
  menus: Record<string, { command: string; when?: string }[]>;
  snippets: { language: string; path: string }[];
  yamlValidation: { fileMatch: string[]; url: string }[];
  walkthroughs: { steps: { media: { markdown?: string } }[] }[];
  viewsWelcome: { view: string; contents: string }[];
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | string } };
  contributes: Contributes;
};
const c = pkg.contributes;
const source = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

describe('package.json contributions', () => {
  it('contributes exactly the command modules of client/src/commands, in one category', () => {
    const dir = join(ROOT, 'client', 'src', 'commands');
    const ids = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !['index.ts', 'types.ts', 'runTarget.ts'].includes(f))
      .map((f) => {
        const m = /\bid: '([^']+)'|\btargetCommand\('([^']+)'/.exec(readFileSync(join(dir, f), 'utf8'));
        const id = m?.[1] ?? m?.[2];
        assert.ok(id, `${f} declares an id`);
        assert.ok(source('client/src/commands/index.ts').includes(`from './${f.replace(/\.ts$/, '')}'`), `${f} is in the registry`);
        return id;
      });
    assert.deepEqual(c.commands.map((x) => x.command).sort(), ids.sort());
    for (const command of c.commands) assert.equal(command.category, 'Workflow Studio', command.command);
    assert.ok(c.commands.find((x) => x.command === 'wfs.newWorkflow')?.title.endsWith('New Workflow…'));
    for (const id of ['wfs.newWorkflow', 'wfs.showProblems', 'wfs.restartServer']) assert.ok(c.commands.find((x) => x.command === id)?.enablement, `${id} has an enablement clause`);
  });

  it('offers New Workflow in the Catalog title bar and the Explorer context menu', () => {
    assert.ok(c.menus['view/title'].some((m) => m.command === 'wfs.newWorkflow' && m.when === 'view == wfs.catalog'));
    assert.ok(c.menus['explorer/context'].some((m) => m.command === 'wfs.newWorkflow'));
    assert.ok(c.menus['view/title'].some((m) => m.command === 'wfs.catalog.groupBy' && m.when === 'view == wfs.catalog'));
  });

  it('has a Workflows container whose views are the ones the code creates', () => {
    assert.deepEqual(c.viewsContainers.activitybar.map((v) => [v.id, v.title]), [['workflowStudio', 'Workflows']]);
    assert.ok(existsSync(join(ROOT, c.viewsContainers.activitybar[0].icon)));
    assert.deepEqual(c.views.workflowStudio.map((v) => [v.id, v.name]), [['wfs.catalog', 'Catalog'], ['wfs.steps', 'Steps'], ['wfs.todos', 'TODOs'], ['wfs.runs', 'Runs']]);
    assert.match(source('client/src/views/catalogView.ts'), /CATALOG_VIEW_ID = 'wfs\.catalog'/);
    assert.match(source('client/src/views/stepsView.ts'), /STEPS_VIEW_ID = 'wfs\.steps'/);
    assert.match(source('client/src/views/todosView.ts'), /TODOS_VIEW_ID = 'wfs\.todos'/);
    assert.match(source('client/src/views/runsView.ts'), /RUNS_VIEW_ID = 'wfs\.runs'/);
  });

  it('writes view welcome texts in what VS Code renders there: links, not Markdown emphasis', () => {
    assert.ok(c.viewsWelcome.length > 0);
    for (const w of c.viewsWelcome) assert.ok(!/\*\*|__|`/.test(w.contents), `${w.view}: ${w.contents}`);
  });

  it('gives every setting a default and a Markdown description', () => {
    for (const [key, setting] of Object.entries(c.configuration.properties)) {
      assert.ok('default' in setting, `${key} has a default`);
      assert.ok(setting.markdownDescription, `${key} has a markdownDescription`);
    }
    assert.equal(c.configuration.properties['wfs.newWorkflow.folder'].default, 'docs/workflows');
  });

  it('names files that exist: walkthrough media, snippets, the YAML schema', () => {
    const paths = [...c.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown ?? '')), ...c.snippets.map((s) => s.path), ...c.yamlValidation.map((y) => y.url)];
    for (const p of paths) assert.ok(p && existsSync(join(ROOT, p)), p);
    assert.deepEqual(c.yamlValidation[0].fileMatch, ['*.workflow.yaml', '*.workflow.yml', '*.wf.yaml', '*.wf.yml']);
  });

  it('activates only where workflows exist, and declares limited support for untrusted workspaces', () => {
    assert.ok(pkg.activationEvents.length > 0 && pkg.activationEvents.every((e) => e.startsWith('workspaceContains:')), pkg.activationEvents.join(', '));
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/.wfs.json'));
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  });
});

/** A snippet body with every placeholder at its default (the first choice of a choice). */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

type Snippets = Record<string, { prefix: string[]; body: string[]; description: string }>;
const snippets = (name: string): Snippets => JSON.parse(source(`snippets/${name}`)) as Snippets;

describe('snippets', () => {
  const service = createWorkflowService();
  const lint = (uri: string, text: string): string[] => service.getDiagnostics({ uri, version: 1, getText: () => text }).map((d) => String(d.code));

  it('has a step, a decision point, an error-handling row and the index entry for Markdown', () => {
    const md = snippets('markdown.code-snippets');
    assert.deepEqual(Object.values(md).map((s) => s.prefix[0]), ['wfs-step', 'wfs-decision', 'wfs-error-row', 'wfs-index']);
  });

  it('expands the step snippet into a step with a command, validation and rollback', () => {
    const step = expand(snippets('markdown.code-snippets')['Workflow step'].body);
    const text = `---\ntitle: Deploy\n---\n\n# Deploy\n\n## Steps\n\n${step}\n`;
    const codes = lint('file:///w/docs/workflows/deploy.md', text);
    for (const rule of ['step.missing-command', 'step.missing-validation', 'step.missing-rollback']) assert.ok(!codes.includes(rule), `${rule} in ${codes.join(', ')}`);
    assert.match(step, /^### 1\. Step name \(Automated\)\n\*\*Actor\*\*: System\n/);
  });

  it('expands the index entry with allowed values', () => {
    const entry = expand(snippets('markdown.code-snippets')['Index entry'].body);
    const text = `# Sync\n\n${entry}\n## 1. Problem Statement\n\nIt syncs.\n`;
    const codes = lint('file:///w/docs/workflows/sync.md', text);
    for (const rule of ['index.field-missing', 'index.field-blank', 'index.value-not-allowed']) assert.ok(!codes.includes(rule), `${rule} in ${codes.join(', ')}`);
  });

  it('expands the error-handling row into a four-column table row', () => {
    const row = expand(snippets('markdown.code-snippets')['Error handling row'].body);
    assert.equal(row.split('|').length - 2, 4);
  });

  it('expands the YAML step into a valid step with conditions and a retry', () => {
    const yaml = snippets('yaml.code-snippets');
    const [only] = Object.values(yaml);
    assert.equal(only.prefix[0], 'wfs-yaml-step');
    const step = expand(only.body).split('\n').map((l) => `  ${l}`).join('\n');
    const text = `name: nightly\nsteps:\n${step}\n  - name: "next_step"\n    type: "action"\n  - name: "handle_failure"\n    type: "action"\n`;
    const data = parseYaml(text) as { steps: { conditions: unknown; retry: { max_attempts: number } }[] };
    assert.deepEqual(data.steps[0].conditions, { success: 'next_step', failure: 'handle_failure' });
    assert.equal(data.steps[0].retry.max_attempts, 3);
    const codes = lint('file:///w/nightly.workflow.yaml', text);
    for (const rule of ['yaml.syntax', 'yaml.schema', 'yaml.unknown-target', 'yaml.retry-range']) assert.ok(!codes.includes(rule), `${rule} in ${codes.join(', ')}`);
  });
});
