import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { HOUR } from '../../../src/core/clock/clock.ts';
import { AppError } from '../../../src/core/errors/app-error.ts';
import { loopbackForSuite } from '../ident-provider/support.ts';
import { clockAtRealTime, codeFromMail, lastMailId, loggedInPerson, otherCode, unlock } from './support.ts';

type Person = Awaited<ReturnType<typeof loggedInPerson>>;

/** "Endgerät freischalten" asked for; the code from the mail. */
async function registerDevice(t: TestSystem, person: Person, name = 'Mein PC'): Promise<string> {
  const before = await lastMailId(t, person.email);
  const answer = await person.session.call('POST', '/devices', { name });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return (await codeFromMail(t, person.email, before)).code;
}

/** Five wrong codes: the registration is deleted, one failure counted. */
async function failByWrongCodes(t: TestSystem, person: Person) {
  const code = await registerDevice(t, person);
  for (let i = 1; i <= 5; i++) await person.session.call('POST', '/devices/confirm', { code: otherCode(code, i) });
}

const hasCode = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

for (const kind of databaseKinds) {
  describe(`ePA record service: the Bestätigungscode and the registered devices (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    clockAtRealTime(t);
    const person = () => loggedInPerson(t, `${callback().base}/callback`);

    test('a wrong code is refused with the entries left; the right one still unlocks the device', async () => {
      const p = await person();
      const code = await registerDevice(t, p);
      const wrong = await p.session.call('POST', '/devices/confirm', { code: otherCode(code) });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.error, 'epa.code_wrong');
      assert.equal(wrong.body.details.attemptsLeft, '4');
      assert.equal((await p.session.call('POST', '/devices/confirm', { code })).status, 200);
    });

    test('a code used once does not work again', async () => {
      const p = await person();
      const code = await registerDevice(t, p);
      assert.equal((await p.session.call('POST', '/devices/confirm', { code })).status, 200);
      const again = await p.session.call('POST', '/devices/confirm', { code });
      assert.equal(again.status, 409);
      assert.equal(again.body.error, 'epa.registration_not_found');
    });

    test('a code that is not six digits is a field error and uses no entry', async () => {
      const p = await person();
      await registerDevice(t, p);
      const answer = await p.session.call('POST', '/devices/confirm', { code: '12a456' });
      assert.equal(answer.status, 422);
      assert.deepEqual(answer.body.details, { code: 'epa.code_format' });
      const row = await t.system.deps.db.selectFrom('epa_devices').select('wrong_codes').where('insured_id', '=', p.insuredId).executeTakeFirstOrThrow();
      assert.equal(row.wrong_codes, 0);
    });

    test('after 6 hours the code has expired and the registration is gone', async () => {
      const p = await person();
      const code = await registerDevice(t, p);
      t.clock.advance(6 * HOUR);
      // the access token ran out long before: the service is asked as the next request would ask it
      await assert.rejects(t.system.deps.epaAccess.confirm(p.caller, { code }, '127.0.0.1'), hasCode('epa.code_expired'));
      await assert.rejects(t.system.deps.epaAccess.confirm(p.caller, { code }, '127.0.0.1'), hasCode('epa.registration_not_found'));
      const failures = await t.system.deps.db.selectFrom('epa_device_failures').select('reason').where('insured_id', '=', p.insuredId).execute();
      assert.deepEqual(failures.map((f) => f.reason), ['expired']);
    });

    test('the fifth wrong code deletes the registration; the sixth entry, even the right code, finds none', async () => {
      const p = await person();
      const code = await registerDevice(t, p);
      const answers: string[] = [];
      for (let i = 1; i <= 5; i++) answers.push((await p.session.call('POST', '/devices/confirm', { code: otherCode(code, i) })).body.error);
      assert.deepEqual(answers, ['epa.code_wrong', 'epa.code_wrong', 'epa.code_wrong', 'epa.code_wrong', 'epa.code_too_many']);
      const sixth = await p.session.call('POST', '/devices/confirm', { code });
      assert.equal(sixth.body.error, 'epa.registration_not_found');
      assert.equal((await p.session.call('GET', '/devices')).body.error, 'epa.device_not_registered');
    });

    test('a new code for the same device keeps the wrong entries made so far', async () => {
      const p = await person();
      const first = await registerDevice(t, p);
      for (let i = 1; i <= 4; i++) await p.session.call('POST', '/devices/confirm', { code: otherCode(first, i) });
      const second = await registerDevice(t, p);
      const answer = await p.session.call('POST', '/devices/confirm', { code: otherCode(second) });
      assert.equal(answer.body.error, 'epa.code_too_many');
    });

    test('the fourth registration within 8 hours after three failures waits; the answer names the end of the wait', async () => {
      const p = await person();
      const failedAt = t.clock.now();
      for (let i = 0; i < 3; i++) await failByWrongCodes(t, p);
      const before = await lastMailId(t, p.email);
      const fourth = await p.session.call('POST', '/devices', { name: 'Mein PC' });
      assert.equal(fourth.status, 429);
      assert.equal(fourth.body.error, 'epa.registration_wait');
      const until = new Date(fourth.body.details.until);
      assert.equal(until.getTime(), failedAt.getTime() + 8 * HOUR);
      assert.equal(Number(fourth.headers.get('retry-after')), Math.ceil((until.getTime() - t.clock.now().getTime()) / 1000));
      const shown = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(until);
      assert.match(fourth.body.message, new RegExp(`^Die Freischaltung eines Geräts ist in den letzten 8 Stunden dreimal gescheitert\\..* Sie können ab ${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} Uhr ein Gerät erneut freischalten\\.$`));
      assert.equal(await lastMailId(t, p.email), before, 'no mail');

      // once the failures are 8 hours old, the service registers again (the token has run out by then)
      t.clock.set(until);
      const again = await t.system.deps.epaAccess.register(p.caller, { name: 'Mein PC' }, '127.0.0.1');
      assert.equal(again.device.status, 'pending');
    });

    test('devices are listed, renamed and removed; a bad name is a field error', async () => {
      const p = await person();
      const id = await unlock(t, p, 'Büro');
      const renamed = await p.session.call('PATCH', `/devices/${id}`, { name: 'Arbeitszimmer' });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.device.name, 'Arbeitszimmer');
      for (const [name, field] of [['', 'field.required'], ['x'.repeat(61), 'field.too_long'], ['PC\u202Egnp.exe', 'field.invalid_chars']] as const) {
        const bad = await p.session.call('PATCH', `/devices/${id}`, { name });
        assert.equal(bad.status, 422);
        assert.deepEqual(bad.body.details, { name: field });
      }
      const list = await p.session.call('GET', '/devices');
      assert.deepEqual(list.body.devices.map((d: { name: string }) => d.name), ['Arbeitszimmer']);
    });

    test('removing the device in use ends its access', async () => {
      const p = await person();
      const id = await unlock(t, p);
      assert.equal((await p.session.call('DELETE', `/devices/${id}`)).status, 204);
      const after = await p.session.call('GET', '/devices');
      assert.equal(after.status, 403);
      assert.equal(after.body.error, 'epa.device_not_registered');
    });

    test("another person's device can be neither renamed nor removed: not found", async () => {
      const owner = await person();
      const stranger = await person();
      const ownersDevice = await unlock(t, owner, 'Laptop');
      await unlock(t, stranger, 'Tablet');
      const rename = await stranger.session.call('PATCH', `/devices/${ownersDevice}`, { name: 'Meins' });
      assert.equal(rename.status, 404);
      assert.equal(rename.body.error, 'epa.device_not_found');
      assert.equal((await stranger.session.call('DELETE', `/devices/${ownersDevice}`)).status, 404);
      assert.equal((await stranger.session.call('DELETE', '/devices/kein-id')).status, 404);
      const list = await owner.session.call('GET', '/devices');
      assert.deepEqual(list.body.devices.map((d: { name: string }) => d.name), ['Laptop']);
    });

    test("one person's code does not unlock another person's device", async () => {
      const owner = await person();
      const stranger = await person();
      const ownersCode = await registerDevice(t, owner);
      await registerDevice(t, stranger);
      const answer = await stranger.session.call('POST', '/devices/confirm', { code: ownersCode });
      // a six-digit guess: wrong unless it happens to be the stranger's own
      assert.ok(['epa.code_wrong', undefined].includes(answer.body.error));
      assert.equal((await owner.session.call('POST', '/devices/confirm', { code: ownersCode })).status, 200);
    });

    test('the housekeeping turns a code left to expire into a failure', async () => {
      const p = await person();
      await registerDevice(t, p);
      t.clock.advance(6 * HOUR + 1000);
      await t.system.deps.epaAccess.sweep();
      const left = await t.system.deps.db.selectFrom('epa_devices').select('id').where('insured_id', '=', p.insuredId).execute();
      assert.deepEqual(left, []);
      const failures = await t.system.deps.db.selectFrom('epa_device_failures').select('reason').where('insured_id', '=', p.insuredId).execute();
      assert.deepEqual(failures.map((f) => f.reason), ['expired']);
    });
  });
}
