import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ChainEvent, Hook } from '../../src/lib/hook.js';

interface TestEvent extends ChainEvent {
  trace: string[];
}

const event = (): TestEvent => ({ trace: [], next: async () => {} });

describe('hook chain', () => {
  it('runs handlers by priority, then binding order, with the action last', async () => {
    const hook = new Hook<TestEvent>();
    hook.bind(async (e) => {
      e.trace.push('b');
      await e.next();
    });
    hook.bind(
      async (e) => {
        e.trace.push('a');
        await e.next();
      },
      { priority: -1 },
    );
    hook.bind(async (e) => {
      e.trace.push('c');
      await e.next();
    });
    const e = event();
    await hook.trigger(e, (ev) => {
      ev.trace.push('action');
    });
    assert.deepEqual(e.trace, ['a', 'b', 'c', 'action']);
  });

  it('lets a handler act before and after the action', async () => {
    const hook = new Hook<TestEvent>();
    hook.bind(async (e) => {
      e.trace.push('before');
      await e.next();
      e.trace.push('after');
    });
    const e = event();
    await hook.trigger(e, (ev) => {
      ev.trace.push('action');
    });
    assert.deepEqual(e.trace, ['before', 'action', 'after']);
  });

  it('lets a handler replace the action by not calling next', async () => {
    const hook = new Hook<TestEvent>();
    hook.bind((e) => {
      e.trace.push('instead');
    });
    hook.bind(async (e) => {
      e.trace.push('never');
      await e.next();
    });
    const e = event();
    await hook.trigger(e, (ev) => {
      ev.trace.push('action');
    });
    assert.deepEqual(e.trace, ['instead']);
  });

  it('runs only handlers whose tags the event carries; untagged ones always', async () => {
    const hook = new Hook<TestEvent>();
    hook.bind(
      async (e) => {
        e.trace.push('posts');
        await e.next();
      },
      { tags: ['posts'] },
    );
    hook.tagged('users', 'u1').bind(async (e) => {
      e.trace.push('users');
      await e.next();
    });
    hook.bind(async (e) => {
      e.trace.push('all');
      await e.next();
    });
    const onPosts = event();
    await hook.trigger(onPosts, undefined, ['p1', 'posts']);
    assert.deepEqual(onPosts.trace, ['posts', 'all']);
    const onUsers = event();
    await hook.trigger(onUsers, undefined, ['u1', 'users']);
    assert.deepEqual(onUsers.trace, ['users', 'all']);
    const untagged = event();
    await hook.trigger(untagged);
    assert.deepEqual(untagged.trace, ['all']);
  });

  it('unbinds by id and replaces a handler bound again under the same id', async () => {
    const hook = new Hook<TestEvent>();
    const id = hook.bind(async (e) => {
      e.trace.push('first');
      await e.next();
    });
    hook.bind(
      async (e) => {
        e.trace.push('old');
        await e.next();
      },
      { id: 'named' },
    );
    hook.bind(
      async (e) => {
        e.trace.push('new');
        await e.next();
      },
      { id: 'named' },
    );
    assert.equal(hook.length, 2);
    hook.unbind(id);
    const e = event();
    await hook.trigger(e);
    assert.deepEqual(e.trace, ['new']);
    hook.unbindAll();
    assert.equal(hook.length, 0);
  });

  it('propagates an error thrown by a handler or the action, skipping the rest', async () => {
    const hook = new Hook<TestEvent>();
    hook.bind(async (e) => {
      e.trace.push('outer');
      await assert.rejects(e.next(), /boom/);
      e.trace.push('caught');
    });
    const e = event();
    await hook.trigger(e, () => {
      throw new Error('boom');
    });
    assert.deepEqual(e.trace, ['outer', 'caught']);
    const failing = new Hook<TestEvent>();
    failing.bind(() => {
      throw new Error('refused');
    });
    let ran = false;
    await assert.rejects(
      failing.trigger(event(), () => {
        ran = true;
      }),
      /refused/,
    );
    assert.equal(ran, false);
  });

  it('refuses a second next() from the same handler', async () => {
    const hook = new Hook<TestEvent>();
    hook.bind(async (e) => {
      await e.next();
      await e.next();
    });
    let runs = 0;
    await assert.rejects(
      hook.trigger(event(), () => {
        runs++;
      }),
      /twice/,
    );
    assert.equal(runs, 1);
  });

  it('keeps the handler list a trigger started with when handlers change meanwhile', async () => {
    const hook = new Hook<TestEvent>();
    hook.bind(async (e) => {
      hook.bind((ev) => {
        ev.trace.push('late');
      });
      e.trace.push('first');
      await e.next();
    });
    const e = event();
    await hook.trigger(e, (ev) => {
      ev.trace.push('action');
    });
    assert.deepEqual(e.trace, ['first', 'action']);
  });
});
