import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { z } from 'zod';
import { also, guard } from '../../../src/core/http/guards.ts';
import { input, parseForm, parseQuery, searchOf } from '../../../src/core/http/input.ts';
import { de } from '../../../src/core/i18n/de.ts';
import { seeOther } from '../../../src/core/http/render.ts';

async function appWith(register: (app: FastifyInstance) => void) {
  const app = Fastify();
  await app.register(formbody);
  register(app);
  await app.ready();
  return app;
}

describe('guards as preHandlers', () => {
  const signedIn = guard('accountId', async (request, reply) => {
    if (request.headers['x-account']) return String(request.headers['x-account']);
    await seeOther(reply, '/login?weiter=x');
    return null;
  });

  test('the handler runs only for somebody found, and finds them on the request', async () => {
    const app = await appWith((a) => a.get('/p', { preHandler: signedIn }, async (request) => ({ account: request.accountId })));
    const out = await app.inject({ url: '/p' });
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/login?weiter=x');
    const ok = await app.inject({ url: '/p', headers: { 'x-account': 'a1' } });
    assert.deepEqual(ok.json(), { account: 'a1' });
  });

  test('a further condition runs after the guard and may refuse on its own', async () => {
    const admin = also(signedIn, async (request, reply) => {
      if (request.accountId === 'admin') return true;
      await reply.code(403).send('no');
      return false;
    });
    const app = await appWith((a) => a.post('/p', { preHandler: admin }, async () => 'done'));
    assert.equal((await app.inject({ method: 'POST', url: '/p' })).statusCode, 303);
    assert.equal((await app.inject({ method: 'POST', url: '/p', headers: { 'x-account': 'clerk' } })).statusCode, 403);
    assert.equal((await app.inject({ method: 'POST', url: '/p', headers: { 'x-account': 'admin' } })).body, 'done');
  });

  test('a resolver that refuses without answering is a programming error (500), not a hanging request', async () => {
    const silent = guard('accountId', async () => null);
    const app = await appWith((a) => a.get('/p', { preHandler: silent }, async () => 'never'));
    assert.equal((await app.inject({ url: '/p' })).statusCode, 500);
  });
});

describe('parseQuery', () => {
  const fields = { flow: input.one, seite: input.page, gesendet: input.flag, box: z.enum(['neu', 'archiv']) };
  const parse = async (url: string) => {
    let seen: unknown;
    const app = await appWith((a) =>
      a.get('/q', async (request) => {
        seen = parseQuery(request, fields);
        return '';
      }),
    );
    await app.inject({ url });
    return seen;
  };

  test('each field on its own: what does not fit is undefined or its default', async () => {
    assert.deepEqual(await parse('/q?flow=abc&seite=3&gesendet=1&box=archiv'), { flow: 'abc', seite: 3, gesendet: true, box: 'archiv' });
    assert.deepEqual(await parse('/q'), { flow: undefined, seite: 1, gesendet: false, box: undefined });
    assert.deepEqual(await parse('/q?seite=-4&gesendet=ja&box=alles'), { flow: undefined, seite: 1, gesendet: false, box: undefined });
    assert.deepEqual(await parse('/q?seite=99999999'), { flow: undefined, seite: 10_000, gesendet: false, box: undefined });
  });

  test('a repeated name is given but empty', async () => {
    assert.equal(((await parse('/q?flow=a&flow=b')) as { flow: unknown }).flow, '');
  });
});

describe('parseForm', () => {
  const fields = { email: input.email, name: input.text({ max: 5 }), note: input.text({ max: 5, required: false }), code: input.raw(3) };
  const post = async (payload: string) => {
    const app = await appWith((a) => a.post('/f', async (request) => parseForm(request, fields)));
    return app.inject({ method: 'POST', url: '/f', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
  };

  test('values, and the code of each field that failed', async () => {
    const ok = (await post('email=a%40b.de&name=%20Anna%20&code=123456')).json();
    assert.deepEqual(ok.values, { email: 'a@b.de', name: 'Anna', note: '', code: '123' });
    assert.deepEqual(ok.errors, {});
    const bad = (await post('email=x&name=Annabelle')).json();
    assert.deepEqual(bad.errors, { email: 'email.invalid', name: 'field.too_long' });
    assert.equal(bad.body.name, 'Annabelle');
    const missing = (await post('')).json();
    assert.deepEqual(missing.errors, { email: 'field.required', name: 'field.required' });
  });
});

describe('control characters in text, e-mail, multi-line and search fields', () => {
  const single = ['a\u0000b', 'a\u0007b', 'a\tb', 'a\nb', 'a\rb', 'a\u202eb', 'a\u2028b'];
  const fields = { email: input.email, name: input.text({ max: 50 }), message: input.message(50), lines: input.lines({ max: 50 }) };
  const post = async (values: Record<string, string>) => {
    const app = await appWith((a) => a.post('/f', async (request) => parseForm(request, fields)));
    const response = await app.inject({ method: 'POST', url: '/f', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(values).toString() });
    return response.json() as { errors: Record<string, string> };
  };
  const search = async (q: string) => {
    let seen: unknown;
    const app = await appWith((a) =>
      a.get('/s', async (request) => {
        seen = searchOf(request);
        return '';
      }),
    );
    await app.inject({ url: `/s?${new URLSearchParams({ q }).toString()}` });
    return seen;
  };

  test('a single-line field refuses every control character, tab, CR and LF included', async () => {
    for (const bad of single) {
      const { errors } = await post({ email: `fuzz${bad}@example.org`, name: bad, message: 'ok', lines: 'ok' });
      assert.deepEqual(errors, { email: 'field.invalid_chars', name: 'field.invalid_chars' }, JSON.stringify(bad));
      assert.deepEqual(await search(bad), { text: bad, error: 'field.invalid_chars' }, JSON.stringify(bad));
    }
    assert.deepEqual(await search('  Müller 12.08.1964 '), { text: 'Müller 12.08.1964' });
  });

  test('a multi-line field keeps tab, CR and LF and refuses the others', async () => {
    assert.deepEqual((await post({ email: 'a@b.de', name: 'Anna', message: 'Zeile 1\r\n\tZeile 2', lines: 'Zeile 1\r\n\tZeile 2' })).errors, {});
    for (const bad of ['a\u0000b', 'a\u0007b', 'a\u202eb', 'a\u2028b']) {
      assert.deepEqual((await post({ email: 'a@b.de', name: 'Anna', message: bad, lines: bad })).errors, { message: 'field.invalid_chars', lines: 'field.invalid_chars' }, JSON.stringify(bad));
    }
    assert.equal(de['field.invalid_chars'], 'Die Eingabe enthält unzulässige Zeichen.');
  });
});
