/**
 * Optional shellcheck findings, with a stand-in `shellcheck` on PATH (a script that answers in shellcheck's json1
 * format): run once per block text, mapped to document positions, off unless the config or setting asks.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createWorkflowService } from '../../server/src/service';
import { loadBashParser, loadedBashParser } from '../../server/src/shell/bashParser';
import { parseFindings, shellcheckScript, withShellcheck } from '../../server/src/shell/shellcheck';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const TEXT = '# Logs\n\n- Compress them:\n\n  ```bash\n  echo start\n  gzip $f\n  ```\n';

let dir: string;
before(async () => {
  await loadBashParser();
  dir = mkdtempSync(join(tmpdir(), 'wfs-shellcheck-'));
  // The stand-in records its arguments and input, and reports SC2086 on `$f` of line 2 (columns 6 to 8).
  writeFileSync(
    join(dir, 'shellcheck'),
    `#!/bin/sh\necho "$@" > "${dir}/args"\ncat > "${dir}/input"\necho '{"comments":[{"file":"-","line":2,"endLine":2,"column":6,"endColumn":8,"level":"info","code":2086,"message":"Double quote to prevent globbing and word splitting."}]}'\n`,
  );
  chmodSync(join(dir, 'shellcheck'), 0o755);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('shellcheck findings', () => {
  it('runs the binary on the block as bash, once per text, and maps its findings to the document', () => {
    const service = createWorkflowService({ shellParser: loadedBashParser });
    const doc = { uri: 'file:///logs.md', version: 1, getText: () => TEXT };
    const model = service.parse(doc);
    const options = withShellcheck({ shellcheck: true }, model, join(dir, 'shellcheck'));
    assert.equal(readFileSync(join(dir, 'args'), 'utf8').trim(), '--format=json1 --shell=bash -');
    assert.equal(readFileSync(join(dir, 'input'), 'utf8'), 'echo start\ngzip $f');
    const found = service.getDiagnostics(doc, options).filter((d) => d.code === 'shell.shellcheck');
    assert.deepEqual(found.map((d) => [TEXT.slice(d.start, d.end), d.severity, d.message]), [['$f', 'information', 'SC2086: Double quote to prevent globbing and word splitting.']]);
    rmSync(join(dir, 'args'));
    withShellcheck({ shellcheck: true }, model, join(dir, 'shellcheck'));
    assert.equal(spawnSync('test', ['-e', join(dir, 'args')]).status, 1, 'the second check of the same text ran shellcheck again');
  });

  it('is off unless asked, and a missing binary gives no findings and no error', () => {
    const model = createWorkflowService({ shellParser: loadedBashParser }).parse({ uri: 'file:///x.md', version: 1, getText: () => TEXT });
    assert.equal(withShellcheck({}, model, join(dir, 'shellcheck')).shellcheckFindings, undefined);
    assert.deepEqual(shellcheckScript('echo other', join(dir, 'no-such-shellcheck')), []);
    assert.deepEqual(parseFindings('not json'), []);
    assert.deepEqual(parseFindings('{"comments":[{"line":"x"}]}'), []);
  });

  it('wfs lint reports them with "shellcheck": true in .wfs.json and shellcheck on PATH', () => {
    const work = mkdtempSync(join(tmpdir(), 'wfs-shellcheck-lint-'));
    try {
      writeFileSync(join(work, 'logs.md'), TEXT);
      writeFileSync(join(work, '.wfs.json'), '{ "shellcheck": true }');
      const r = spawnSync(process.execPath, [CLI, 'lint', 'logs.md', '--format', 'json'], { cwd: work, encoding: 'utf8', env: { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH}` }, timeout: 60_000 });
      const found = (JSON.parse(r.stdout) as { diagnostics: { ruleId: string; line: number; column: number; endColumn: number }[] }[])[0].diagnostics.filter((d) => d.ruleId === 'shell.shellcheck');
      assert.deepEqual(found.map((d) => [d.line, d.column, d.endColumn]), [[7, 8, 10]]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
