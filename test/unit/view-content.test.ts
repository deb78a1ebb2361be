/**
 * client/src/views/viewContent.ts: a tree view redraws only when what it would show differs from what it shows,
 * a load that a newer one overtook is dropped, and the first `getChildren` waits for a first load. Each redraw
 * of a VS Code tree drops every row's command for a moment; these are the refreshes that must not happen.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ViewContent } from '../../client/src/views/viewContent';

/** A load whose answers the test hands out one by one, in the order it chooses. */
function controlledLoads<T>() {
  const waiting: ((value: T) => void)[] = [];
  return {
    load: () => new Promise<T>((resolve) => waiting.push(resolve)),
    /** Answers the n-th load started (0-based). */
    answer: (n: number, value: T) => waiting[n](value),
    get started() {
      return waiting.length;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('view content', () => {
  it('redraws only when what the view would show changed', async () => {
    let answer = ['a', 'b'];
    const redraws: [string[], string[] | undefined][] = [];
    const content = new ViewContent(
      () => answer.map((s) => s),
      (rows) => JSON.stringify(rows),
      (next, previous) => {
        redraws.push([next, previous]);
        return next;
      },
    );
    assert.deepEqual(await content.data(), ['a', 'b']);
    const first = content.current;
    await content.reload();
    await content.reload();
    assert.equal(redraws.length, 1, 'the same rows again: no redraw');
    assert.equal(content.current, first, 'and the rows shown stay the same objects');
    answer = ['a', 'c'];
    await content.reload();
    assert.deepEqual(redraws.at(-1), [['a', 'c'], ['a', 'b']]);
    assert.deepEqual(content.current, ['a', 'c']);
  });

  it('drops a load that a newer one overtook', async () => {
    const loads = controlledLoads<string>();
    const redraws: string[] = [];
    const content = new ViewContent(loads.load, (s) => s, (next) => {
      redraws.push(next);
      return next;
    });
    const older = content.reload();
    const newer = content.reload();
    loads.answer(1, 'newer editor');
    await newer;
    loads.answer(0, 'older editor');
    await older;
    assert.deepEqual(redraws, ['newer editor']);
    assert.equal(content.current, 'newer editor');
  });

  it('makes the first getChildren wait for a first load, and for a newer one that overtook it', async () => {
    const loads = controlledLoads<string>();
    const content = new ViewContent(loads.load, (s) => s, (next) => next);
    assert.equal(content.current, undefined);
    const children = content.data();
    await settle();
    void content.reload();
    await settle();
    assert.equal(loads.started, 2);
    loads.answer(0, 'overtaken');
    await settle();
    let done = false;
    void children.then(() => (done = true));
    await settle();
    assert.equal(done, false, 'still waiting: the first load was overtaken');
    loads.answer(1, 'current');
    assert.equal(await children, 'current');
  });

  it('keeps what onChange returns as shown (a view that updates its rows in place)', async () => {
    let answer = [{ id: 'w', runs: 1 }];
    const content = new ViewContent(
      () => answer.map((r) => ({ ...r })),
      (rows) => JSON.stringify(rows),
      (next, previous) => {
        if (!previous) return next;
        Object.assign(previous[0], next[0]);
        return previous;
      },
    );
    const shown = await content.data();
    answer = [{ id: 'w', runs: 2 }];
    await content.reload();
    assert.equal(content.current, shown, 'the same row objects');
    assert.equal(shown?.[0].runs, 2);
    await content.reload();
    assert.equal(shown?.[0].runs, 2);
  });
});
