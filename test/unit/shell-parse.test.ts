/**
 * The shell blocks of the model: parsed with tree-sitter-bash (loaded once), console prompts stripped, offsets
 * mapped back to the document, analyses cached by block text so that an edit re-parses only the block it touches.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkflowService } from '../../server/src/service';
import type { ShellParser } from '../../server/src/service';
import { loadBashParser } from '../../server/src/shell/bashParser';

let bash: ShellParser;
before(async () => {
  bash = await loadBashParser();
});

/** A parser that counts what it is asked to parse. */
function counting(): { parser: ShellParser; parsed: string[] } {
  const parsed: string[] = [];
  return { parsed, parser: { parse: (text) => (parsed.push(text), bash.parse(text)) } };
}

const doc = (text: string, version = 1) => ({ uri: 'file:///shell.md', version, getText: () => text });

describe('shell blocks in the model', () => {
  it('loads the grammar once: every load gives the same parser', async () => {
    assert.equal(await loadBashParser(), bash);
  });

  it('reads bash, sh, shell, zsh and console blocks, and no other language', () => {
    const text = ['```bash', 'a', '```', '```sh', 'b', '```', '```shell', 'c', '```', '```zsh', 'd', '```', '```console', '$ e', '```', '```python', 'f', '```', ''].join('\n');
    const model = createWorkflowService({ shellParser: bash }).parse(doc(text));
    assert.deepEqual(model.shell?.scripts.map((s) => [s.block.lang, s.code]), [['bash', 'a'], ['sh', 'b'], ['shell', 'c'], ['zsh', 'd'], ['console', 'e']]);
  });

  it('strips console prompts, leaves output out, and maps offsets to the document', () => {
    const text = '# T\n\n```console\n$ kubectl get pods )\nNAME READY "\n$ echo ok\n```\n';
    const model = createWorkflowService({ shellParser: bash }).parse(doc(text));
    const script = model.shell!.scripts[0];
    assert.equal(script.code, 'kubectl get pods )\n\necho ok');
    const [error] = script.analysis.errors;
    assert.equal(text.slice(script.toDocument(error.start), script.toDocument(error.end)), ')');
    assert.deepEqual(script.analysis.commands.map((c) => c.words.map((w) => w.text)), [['kubectl', 'get', 'pods'], ['echo', 'ok']]);
  });

  it('maps offsets of a block inside a list item and of a CRLF document', () => {
    const text = '# T\r\n\r\n- item\r\n\r\n  ```sh\r\n  echo ok\r\n  echo "open\r\n  ```\r\n';
    const model = createWorkflowService({ shellParser: bash }).parse(doc(text));
    const script = model.shell!.scripts[0];
    assert.equal(script.code, 'echo ok\necho "open');
    const [error] = script.analysis.errors;
    assert.equal(error.message, 'Unclosed double quote: bash reads on to the end of the block.');
    assert.equal(script.toDocument(error.start), text.indexOf('"open'));
  });

  it('reads the words of each command after quote removal, wrappers left out', () => {
    const model = createWorkflowService({ shellParser: bash }).parse(doc('```bash\necho "rm -rf x"\nsudo -u root r""m -rf \'/tmp/x\'\nsh -c "kubectl delete ns prod"\n```\n'));
    assert.deepEqual(model.shell!.scripts[0].analysis.commands.map((c) => c.words.map((w) => w.text)), [
      ['echo', 'rm -rf x'],
      ['rm', '-rf', '/tmp/x'],
      ['sh', '-c', 'kubectl delete ns prod'],
      ['kubectl', 'delete', 'ns', 'prod'],
    ]);
  });

  it('keeps the parse with the model: a second parse of the same version parses nothing', () => {
    const { parser, parsed } = counting();
    const service = createWorkflowService({ shellParser: parser });
    service.getDiagnostics(doc('```bash\necho a\n```\n'));
    service.getDiagnostics(doc('```bash\necho a\n```\n'));
    assert.deepEqual(parsed, ['echo a']);
  });

  it('re-parses only the block an edit touches', () => {
    const blocks = Array.from({ length: 50 }, (_, i) => `## Step ${i}\n\n\`\`\`bash\necho step ${i}\n\`\`\`\n`);
    const { parser, parsed } = counting();
    const service = createWorkflowService({ shellParser: parser });
    service.getDiagnostics(doc(`# Runbook\n\n${blocks.join('\n')}`, 1));
    assert.equal(parsed.length, 50);
    parsed.length = 0;
    blocks[20] = blocks[20].replace('echo step 20', 'echo step 20 changed');
    service.getDiagnostics(doc(`# Runbook\n\n${blocks.join('\n')}`, 2));
    assert.deepEqual(parsed, ['echo step 20 changed']);
  });

  it('re-parses only the edited block of a document with more blocks than the shared cache holds', () => {
    const blocks = Array.from({ length: 4100 }, (_, i) => `\`\`\`bash\necho ${i}\n\`\`\`\n`);
    const { parser, parsed } = counting();
    const service = createWorkflowService({ shellParser: parser });
    service.getDiagnostics(doc(blocks.join('\n'), 1));
    parsed.length = 0;
    blocks[7] = '```bash\necho seven\n```\n';
    service.getDiagnostics(doc(blocks.join('\n'), 2));
    assert.deepEqual(parsed, ['echo seven']);
  });

  it('waits for a parser that is loaded later, and has no shell model before it', () => {
    let parser: ShellParser | undefined;
    const service = createWorkflowService({ shellParser: () => parser });
    const text = '```bash\nif true; then\n```\n';
    assert.equal(service.parse(doc(text)).shell, undefined);
    parser = bash;
    assert.equal(service.getDiagnostics(doc(text)).filter((d) => d.code === 'shell.syntax').length, 1);
  });
});
