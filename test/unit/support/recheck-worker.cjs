// A worker thread of test/unit/redos.test.ts (plain JavaScript: worker threads do not get the TypeScript
// loader). It checks one pattern at a time with recheck's pure-JavaScript backend (no native binary, no Java)
// and posts the verdict back.
'use strict';
const { parentPort } = require('node:worker_threads');

// Read by recheck at each call: the Scala.js build runs in this thread.
process.env.RECHECK_SYNC_BACKEND = 'pure';
const { checkSync } = require('recheck');

// Step limits only, no time limits: recheck's defaults time the attack strings, so on a busy machine a linear
// pattern could be reported as vulnerable. With these, the same pattern always gets the same verdict. (The
// recall validation, which would time a real run, stays off as by default.)
const PARAMS = {
  timeout: null,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
  randomSeed: 0,
};

parentPort.on('message', ({ id, source, flags }) => {
  const result = checkSync(source, flags, PARAMS);
  parentPort.postMessage({
    id,
    status: result.status,
    complexity: result.complexity ? result.complexity.type : undefined,
    attack: result.attack ? result.attack.pattern : undefined,
    error: result.error ? result.error.kind : undefined,
  });
});
