/** Hook files the tests load, as a user would write them. */

export const MAIN_HOOKS = `
import { Cron } from 'croner';
import { createHash } from 'node:crypto';
import { ApiError, BadRequestError, ForbiddenError, type BasaltApp } from 'basalt';

// top-level await works in hook files
const started = await Promise.resolve(new Date().toISOString());

export default (app: BasaltApp) => {
  app.routerAdd('GET', '/api/hello/{name}', (e) => {
    e.json(200, { hello: e.params.name, q: e.query.q ?? null, croner: typeof Cron, started: started !== '' });
  });
  app.routerAdd('POST', '/api/echo', async (e) => {
    const body = await e.bindBody<{ text?: string }>();
    return { sha: createHash('sha256').update(String(body.text)).digest('hex').slice(0, 8), auth: e.auth?.id ?? null };
  });
  app.routerAdd('GET', '/api/text', (e) => e.string(201, 'plain words'));
  app.routerAdd('GET', '/api/limited/{n}', (e) => e.json(200, { n: e.params.n }));
  app.routerAdd('GET', '/api/go', (e) => e.redirect(302, '/api/hello/there'));
  app.routerAdd('GET', '/api/members', (e) => e.json(200, { id: e.auth?.id }), app.requireAuth('users'));
  app.routerAdd('GET', '/api/admins', (e) => e.json(200, { ok: e.hasSuperuserAuth() }), app.requireSuperuserAuth());
  app.routerAdd('GET', '/api/teapot', () => {
    throw new ApiError(418, "I'm a teapot.", { pot: { code: 'short', message: 'Short and stout.' } });
  });
  app.routerAdd('GET', '/api/crash', () => {
    throw new Error('secret internal detail');
  });
  app.routerAdd('GET', '/api/find', async (e) => {
    const found = await app.findRecordsByFilter('posts', 'title = {:t}', { params: { t: e.query.t ?? '' }, sort: '-n' });
    return { titles: found.map((r) => r.get('title')) };
  });
  app.routerAdd('POST', '/api/two-posts', async (e) => {
    const body = await e.bindBody<{ fail?: boolean }>();
    await app.runInTransaction(async (tx) => {
      await tx.save(tx.newRecord('posts', { title: 'tx one' }));
      await tx.save(tx.newRecord('posts', { title: 'tx two' }));
      if (body.fail) throw new BadRequestError('Changed my mind.');
    });
    e.noContent();
  });

  // validates and enriches records before they are saved
  app.onRecordCreateRequest(async (e) => {
    const title = String(e.record?.get('title') ?? '');
    if (title === 'forbidden') throw new BadRequestError('Failed to create record.', { title: { code: 'banned', message: 'Not this title.' } });
    if (title === 'answer-instead') return e.json(202, { skipped: true });
    e.record?.set('slug', title.toLowerCase().replaceAll(' ', '-'));
    await e.next();
    e.response = { ...(e.response as object), via: 'hook' };
  }, 'posts');

  app.onRecordCreate(async (e) => {
    e.record.set('n', Number(e.record.get('n') ?? 0) + 100);
    // e.app writes inside the write's transaction: they commit or roll back with it
    const title = String(e.record.get('title'));
    if (title.startsWith('inside')) await e.app.save(e.app.newRecord('audit', { what: 'inside ' + title }));
    await e.next();
    if (title === 'inside-then-fail') throw new BadRequestError('Refused after writing.');
  }, 'posts');

  // reacts after commit: an audit record, written through the event's app like any other
  app.onRecordAfterCreateSuccess(async (e) => {
    await e.app.save(e.app.newRecord('audit', { what: 'created ' + e.record.get('title') }));
    await e.next();
  }, 'posts');

  // sees the stored values merged with the submitted ones, and changes what is saved
  app.onRecordUpdateRequest(async (e) => {
    e.record?.set('slug', 'updated-' + String(e.record?.get('title')).toLowerCase());
    await e.next();
  }, 'posts');

  app.onRecordAuthRequest(async (e) => {
    if (e.record.get('email') === 'blocked@example.com') throw new ForbiddenError('Blocked.');
    await e.next();
  }, 'users');

  app.cronAdd('tick', '0 0 1 1 *', async () => {
    await app.save(app.newRecord('audit', { what: 'cron ran' }));
  });
};
`;

/** Handlers that misbehave, each on a collection of its own. */
export const BAD_HOOKS = `
import type { BasaltApp } from 'basalt';

export default (app: BasaltApp) => {
  app.onRecordCreateRequest(async () => { throw new Error('hook bug with a secret'); }, 'throws');
  app.onRecordCreateRequest(() => new Promise(() => {}), 'hangs');
  app.onRecordCreate(() => new Promise(() => {}), 'hangsmodel');
  app.onRecordCreateRequest(async (e) => { await e.next(); await e.next(); }, 'twice');
  app.onRecordCreateRequest(async () => {}, 'never');
  app.onRecordCreate(async () => {}, 'nevermodel');
  // saves the record it is called for: every save calls it again
  app.onRecordUpdate(async (e) => {
    await e.next();
    const again = await e.app.findRecordById('loops', e.record.id);
    again.set('n', Number(again.get('n')) + 1);
    await e.app.save(again);
  }, 'loops');
  // the same loop, through after-commit hooks
  app.onRecordAfterCreateSuccess(async (e) => {
    await e.next();
    await e.app.save(e.app.newRecord('afterloops', { n: Number(e.record.get('n')) + 1 }));
  }, 'afterloops');
  app.routerAdd('GET', '/api/slow', () => new Promise(() => {}));
};
`;
