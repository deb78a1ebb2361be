/** `.env` files as placeholder values (parseDotEnv). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDotEnv } from '../../server/src/run/variables';

describe('parseDotEnv', () => {
  it('reads bare, quoted and exported values, and skips comments and junk', () => {
    const env = parseDotEnv(
      "\uFEFF# comment\nHOST=db.internal # trailing comment\nexport REGION='eu west #1'\nMSG=\"a \\\"quoted\\\" line\\nnext\"\n\nnot an assignment\n1BAD=x\nEMPTY=\r\nURL=a#b\n",
    );
    assert.deepEqual(env, { HOST: 'db.internal', REGION: 'eu west #1', MSG: 'a "quoted" line\nnext', EMPTY: '', URL: 'a#b' });
  });

  it('keeps $VAR text as written (no expansion)', () => {
    assert.deepEqual(parseDotEnv('A=$HOME/x\nB="${A}"'), { A: '$HOME/x', B: '${A}' });
  });

  it('cannot set prototype keys', () => {
    const env = parseDotEnv('__proto__=x\nconstructor=y');
    assert.equal(Object.getPrototypeOf(env), Object.prototype);
    assert.equal(env.constructor, 'y');
  });
});
