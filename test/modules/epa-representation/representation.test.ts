import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyRequest } from 'fastify';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { waitForMail } from '../../support/mailbox.ts';
import { EPA_API } from '../../../src/modules/epa-access/api.ts';
import type { EpaCaller } from '../../../src/modules/epa-access/service.ts';
import { INVITED_MESSAGE, MAX_REPRESENTATIVES, REPRESENTATION_HEADER, RepresentationEndedMeanwhile } from '../../../src/modules/epa-representation/service.ts';
import { client, loopbackForSuite } from '../ident-provider/support.ts';
import { freshKvnr } from '../insured/kvnr.ts';
import { clockAtRealTime, loggedInPerson, unlock, type Answer, type EpaSession } from '../epa-access/support.ts';

type Person = Awaited<ReturnType<typeof loggedInPerson>> & { name: string; deviceId: string };

/** A call of the person's desktop client, acting for someone else when `representation` is given. */
async function call(t: TestSystem, session: EpaSession, method: string, path: string, options: { body?: unknown; representation?: string } = {}): Promise<Answer> {
  const headers = new Headers({ accept: 'application/json' });
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  if (options.representation) headers.set('Pforte-Vertretung', options.representation);
  let response: Response;
  try {
    response = await client.fetchProtectedResource(session.config, session.accessToken, new URL(`${t.baseUrl}${EPA_API}${path}`), method, options.body === undefined ? null : JSON.stringify(options.body), headers, { DPoP: session.dpop });
  } catch (error) {
    const failed = (error as { response?: unknown }).response;
    if (!(failed instanceof Response)) throw error;
    response = failed;
  }
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
}

/** Mails about representations stored for `to` (the outbox is written with the step, so no waiting). */
async function representationMails(t: TestSystem, to: string): Promise<string[]> {
  const rows = await t.system.deps.db.selectFrom('mail_outbox').select('subject').where('recipient', '=', to).where('subject', 'like', '%Vertretung%').execute();
  return rows.map((r) => r.subject);
}

async function protocolOf(t: TestSystem, insuredId: string) {
  return (await t.system.deps.epaProtocol.list(insuredId)).rows;
}

for (const kind of databaseKinds) {
  describe(`ePA Vertretung für Angehörige: grant, confirm, act on behalf, revoke (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    clockAtRealTime(t);

    /** A person registered for the ePA, logged in on their own unlocked desktop client. */
    async function person(firstName: string): Promise<Person> {
      const p = await loggedInPerson(t, `${callback().base}/callback`);
      await t.system.deps.db.updateTable('insured_persons').set({ first_name: firstName }).where('id', '=', p.insuredId).execute();
      const deviceId = await unlock(t, p);
      return { ...p, name: `${firstName} Muster`, deviceId };
    }

    /** Anna names Bernd; Bernd has not confirmed yet. */
    async function invited() {
      const a = await person('Anna');
      const b = await person('Bernd');
      const answer = await call(t, a.session, 'POST', '/vertretungen', { body: { kvnr: b.kvnr, email: b.email.toUpperCase() } });
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      return { a, b, id: String(answer.body.representation.id) };
    }

    /** … and Bernd confirmed. */
    async function confirmed() {
      const pair = await invited();
      const answer = await call(t, pair.b.session, 'POST', `/vertretungen/${pair.id}/bestaetigen`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return pair;
    }

    test('Anna names Bernd by KVNR and e-mail (any case): 202, Bernd gets the invitation, both lists show it', async () => {
      const { a, b, id } = await invited();
      const mail = await waitForMail(t.baseUrl, b.email, { subject: 'als Vertretung' });
      assert.match(mail.text, /Anna Muster hat Sie am .* als Vertretung für die elektronische Patientenakte \(ePA\) benannt/);
      assert.match(mail.text, /„Vertretung für Angehörige“/);

      const mine = await call(t, a.session, 'GET', '/vertretungen');
      assert.equal(mine.status, 200);
      assert.deepEqual(
        mine.body.granted.map((r: Record<string, unknown>) => [r.id, r.kvnr, r.email, r.status, r.name]),
        [[id, b.kvnr, b.email.toUpperCase(), 'invited', null]],
        "Bernd's name appears only once he confirmed",
      );
      assert.deepEqual(mine.body.received, []);
      const his = await call(t, b.session, 'GET', '/vertretungen');
      assert.deepEqual(
        his.body.received.map((r: Record<string, any>) => [r.id, r.from.name, r.status, typeof r.since]),
        [[id, 'Anna Muster', 'invited', 'string']],
      );
      assert.equal((await protocolOf(t, a.insuredId))[0]!.action, 'representation.invited');
    });

    test('an unknown KVNR, and a known KVNR with another e-mail, get the same answer as a match and no mail', async () => {
      const a = await person('Anna');
      const b = await person('Bernd');
      const unknownKvnr = freshKvnr('Z');
      const unknown = await call(t, a.session, 'POST', '/vertretungen', { body: { kvnr: unknownKvnr, email: 'niemand@example.org' } });
      const otherMail = await call(t, a.session, 'POST', '/vertretungen', { body: { kvnr: b.kvnr, email: 'jemand.anders@example.org' } });
      for (const answer of [unknown, otherMail]) {
        assert.equal(answer.status, 202);
        assert.equal(answer.body.message, INVITED_MESSAGE);
        assert.deepEqual(Object.keys(answer.body.representation).sort(), ['confirmedAt', 'email', 'id', 'kvnr', 'name', 'since', 'status']);
        assert.equal(answer.body.representation.status, 'invited');
      }
      assert.deepEqual(await representationMails(t, 'niemand@example.org'), []);
      assert.deepEqual(await representationMails(t, 'jemand.anders@example.org'), []);
      assert.deepEqual(await representationMails(t, b.email), [], 'Bernd gets nothing: the e-mail did not match');
      // Bernd has nothing to confirm, and Anna's list looks the same for both
      assert.deepEqual((await call(t, b.session, 'GET', '/vertretungen')).body.received, []);
      const mine = await call(t, a.session, 'GET', '/vertretungen');
      assert.deepEqual(mine.body.granted.map((r: Record<string, unknown>) => r.status), ['invited', 'invited']);
    });

    test('the audit log says the same of a naming that matched someone and of one that did not', async () => {
      const a = await person('Anna');
      const b = await person('Bernd');
      const matched = await call(t, a.session, 'POST', '/vertretungen', { body: { kvnr: b.kvnr, email: b.email } });
      const unknown = await call(t, a.session, 'POST', '/vertretungen', { body: { kvnr: freshKvnr('Z'), email: 'niemand@example.org' } });
      const entries = await t.system.deps.db
        .selectFrom('audit_log')
        .select(['subject', 'action', 'outcome', 'data'])
        .where('subject', 'in', [matched.body.representation.id, unknown.body.representation.id])
        .execute();
      // staff read the audit log: what they see of a naming must not tell whether the KVNR is someone registered
      const shape = (id: string) => {
        const entry = entries.find((e) => e.subject === id)!;
        return [entry.action, entry.outcome, Object.keys(entry.data as object).sort()];
      };
      assert.deepEqual(shape(matched.body.representation.id), ['epa_representation.invited', 'success', ['kvnr', 'person', 'representation']]);
      assert.deepEqual(shape(unknown.body.representation.id), shape(matched.body.representation.id));
    });

    test('a KVNR with a wrong check digit and an invalid e-mail are refused at their fields', async () => {
      const a = await person('Anna');
      const kvnr = freshKvnr('Z');
      const wrongDigit = `${kvnr.slice(0, 9)}${(Number(kvnr[9]) + 1) % 10}`;
      const answer = await call(t, a.session, 'POST', '/vertretungen', { body: { kvnr: wrongDigit, email: 'keine-adresse' } });
      assert.equal(answer.status, 422);
      assert.deepEqual(answer.body.details, { kvnr: 'kvnr.check_digit', email: 'email.invalid' });
      assert.equal((await call(t, a.session, 'GET', '/vertretungen')).body.granted.length, 0);
    });

    test('a person cannot name themself', async () => {
      const a = await person('Anna');
      const answer = await call(t, a.session, 'POST', '/vertretungen', { body: { kvnr: a.kvnr, email: a.email } });
      assert.equal(answer.status, 422);
      assert.deepEqual(answer.body.details, { kvnr: 'epa_representation.self' });
    });

    test('at most five representatives at a time, and each KVNR once; ending one makes room', async () => {
      const a = await person('Anna');
      const ids: string[] = [];
      for (let i = 0; i < MAX_REPRESENTATIVES; i++) {
        const answer = await call(t, a.session, 'POST', '/vertretungen', { body: { kvnr: freshKvnr('Y'), email: `v${i}@example.org` } });
        assert.equal(answer.status, 202);
        ids.push(answer.body.representation.id);
      }
      const sixth = await call(t, a.session, 'POST', '/vertretungen', { body: { kvnr: freshKvnr('Y'), email: 'v6@example.org' } });
      assert.equal(sixth.status, 409);
      assert.equal(sixth.body.error, 'epa_representation.limit');
      assert.equal((await call(t, a.session, 'DELETE', `/vertretungen/${ids[0]}`)).status, 204);
      const again = (await call(t, a.session, 'GET', '/vertretungen')).body.granted[0];
      const twice = await call(t, a.session, 'POST', '/vertretungen', { body: { kvnr: again.kvnr, email: again.email } });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.error, 'epa_representation.duplicate');
      assert.equal((await call(t, a.session, 'POST', '/vertretungen', { body: { kvnr: freshKvnr('Y'), email: 'v7@example.org' } })).status, 202);
    });

    test('only Bernd confirms: Anna is refused, a third person does not find it', async () => {
      const { a, id } = await invited();
      const c = await person('Carla');
      const byAnna = await call(t, a.session, 'POST', `/vertretungen/${id}/bestaetigen`);
      assert.equal(byAnna.status, 403);
      assert.equal(byAnna.body.error, 'epa_representation.confirm_own');
      const byCarla = await call(t, c.session, 'POST', `/vertretungen/${id}/bestaetigen`);
      assert.equal(byCarla.status, 404);
      assert.equal(byCarla.body.error, 'epa_representation.not_found');
      assert.equal((await call(t, a.session, 'GET', '/vertretungen')).body.granted[0].status, 'invited');
    });

    test("Bernd's confirmation mails Anna, names him in her list, and is in both Protokolle as his", async () => {
      const { a, b, id } = await confirmed();
      const mail = await waitForMail(t.baseUrl, a.email, { subject: 'wurde bestätigt' });
      assert.match(mail.text, /Bernd Muster hat am .* die Vertretung für Ihre elektronische Patientenakte \(ePA\) bestätigt/);
      const mine = await call(t, a.session, 'GET', '/vertretungen');
      assert.deepEqual(mine.body.granted.map((r: Record<string, unknown>) => [r.id, r.status, r.name]), [[id, 'confirmed', 'Bernd Muster']]);
      const [inAnnas] = await protocolOf(t, a.insuredId);
      assert.deepEqual([inAnnas!.action, inAnnas!.actor_kind, inAnnas!.actor_name], ['representation.confirmed', 'representative', 'Bernd Muster']);
      const [inBernds] = await protocolOf(t, b.insuredId);
      assert.deepEqual([inBernds!.action, inBernds!.actor_kind, inBernds!.on_behalf_of_name], ['representation.confirmed', 'insured', 'Anna Muster']);
    });

    test("Bernd acts for Anna after confirming: the header switches to her record, each call logged as his on her behalf in both Protokolle", async () => {
      const { a, b, id } = await confirmed();
      const switched = await call(t, b.session, 'GET', '/vertretung', { representation: id });
      assert.equal(switched.status, 200, JSON.stringify(switched.body));
      assert.deepEqual(switched.body, { representation: { id, for: { name: 'Anna Muster' } } });
      assert.deepEqual((await call(t, b.session, 'GET', '/vertretung')).body, { representation: null }, 'without the header his own record');

      // what the document routes do: actingFor, then the record service with its actor
      const caller: EpaCaller = { insuredId: b.insuredId, kvnr: b.kvnr, jkt: b.session.jkt, deviceId: b.deviceId, deviceName: 'Mein PC' };
      const request = { headers: { [REPRESENTATION_HEADER]: id }, ip: '127.0.0.1' } as unknown as FastifyRequest;
      const acting = await t.system.deps.epaRepresentation.actingFor(request, caller);
      assert.equal(acting.recordOwnerInsuredId, a.insuredId);
      assert.equal(acting.representationId, id);
      await t.system.deps.epaRecords.list({ actor: acting.actor, device: { id: b.deviceId, name: 'Mein PC' }, ip: '127.0.0.1' }, acting.recordOwnerInsuredId);

      const annas = await protocolOf(t, a.insuredId);
      assert.deepEqual(
        annas.slice(0, 2).map((r) => [r.action, r.actor_kind, r.actor_id, r.actor_name, r.device_name]),
        [
          ['documents.listed', 'representative', b.insuredId, 'Bernd Muster', 'Mein PC'],
          ['representation.switched', 'representative', b.insuredId, 'Bernd Muster', 'Mein PC'],
        ],
      );
      const bernds = await protocolOf(t, b.insuredId);
      assert.deepEqual(
        bernds.slice(0, 2).map((r) => [r.action, r.actor_kind, r.on_behalf_of_name]),
        [
          ['documents.listed', 'insured', 'Anna Muster'],
          ['representation.switched', 'insured', 'Anna Muster'],
        ],
      );
    });

    test("before Bernd confirms, a call with the header is refused and logged in Anna's Protokoll", async () => {
      const { a, b, id } = await invited();
      const answer = await call(t, b.session, 'GET', '/vertretung', { representation: id });
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error, 'epa_representation.not_active');
      const [entry] = await protocolOf(t, a.insuredId);
      assert.deepEqual([entry!.action, entry!.result, entry!.actor_name, entry!.data.reason], ['representation.denied', 'denied', 'Bernd Muster', 'not_confirmed']);
    });

    test('no further delegation: acting for Anna, Bernd cannot name, list, confirm or end representations', async () => {
      const { a, b, id } = await confirmed();
      const c = await person('Carla');
      for (const [method, path, body] of [
        ['POST', '/vertretungen', { kvnr: c.kvnr, email: c.email }],
        ['GET', '/vertretungen', undefined],
        ['POST', `/vertretungen/${id}/bestaetigen`, undefined],
        ['DELETE', `/vertretungen/${id}`, undefined],
      ] as const) {
        const answer = await call(t, b.session, method, path, { body, representation: id });
        assert.equal(answer.status, 403, `${method} ${path}`);
        assert.equal(answer.body.error, 'epa_representation.no_delegation');
      }
      assert.deepEqual(await representationMails(t, c.email), [], 'Carla was not invited');
      const mine = await call(t, a.session, 'GET', '/vertretungen');
      assert.deepEqual(mine.body.granted.map((r: Record<string, unknown>) => [r.id, r.status]), [[id, 'confirmed']]);
      const denied = (await protocolOf(t, a.insuredId)).filter((r) => r.action === 'representation.denied');
      assert.equal(denied.length, 4);
      assert.ok(denied.every((r) => r.data.reason === 'delegation' && r.actor_name === 'Bernd Muster'));
    });

    test("Anna revokes: Bernd gets a mail, and his next call for her is refused and logged in her Protokoll", async () => {
      const { a, b, id } = await confirmed();
      assert.equal((await call(t, b.session, 'GET', '/vertretung', { representation: id })).status, 200);
      const revoked = await call(t, a.session, 'DELETE', `/vertretungen/${id}`);
      assert.equal(revoked.status, 204);
      const mail = await waitForMail(t.baseUrl, b.email, { subject: 'beendet' });
      assert.match(mail.text, /Anna Muster hat am .* Ihre Vertretung .* widerrufen\. Sie können nicht mehr für diese Person auf die ePA zugreifen\./);

      const after = await call(t, b.session, 'GET', '/vertretung', { representation: id });
      assert.equal(after.status, 403);
      assert.equal(after.body.error, 'epa_representation.not_active');
      const [denied, revocation] = await protocolOf(t, a.insuredId);
      assert.deepEqual([revocation!.action, revocation!.actor_kind], ['representation.revoked', 'insured']);
      assert.deepEqual([denied!.action, denied!.result, denied!.actor_kind, denied!.actor_name, denied!.data.reason], ['representation.denied', 'denied', 'representative', 'Bernd Muster', 'ended']);
      const [his] = await protocolOf(t, b.insuredId);
      assert.deepEqual([his!.action, his!.result, his!.on_behalf_of_name], ['representation.denied', 'denied', 'Anna Muster']);
      assert.deepEqual((await call(t, b.session, 'GET', '/vertretungen')).body.received, []);
      assert.equal((await call(t, a.session, 'DELETE', `/vertretungen/${id}`)).status, 404, 'ended once');
    });

    test("Anna's end waits for a call of Bernd's for her that is being kept; kept after the end, it is refused", async () => {
      const { a, b, id } = await confirmed();
      const service = t.system.deps.epaRepresentation;
      const bernd: EpaCaller = { insuredId: b.insuredId, kvnr: b.kvnr, jkt: b.session.jkt, deviceId: b.deviceId, deviceName: 'Mein PC' };
      const anna: EpaCaller = { insuredId: a.insuredId, kvnr: a.kvnr, jkt: a.session.jkt, deviceId: a.deviceId, deviceName: 'Annas PC' };
      const request = { headers: { [REPRESENTATION_HEADER]: id }, ip: '127.0.0.1' } as unknown as FastifyRequest;
      const checked = await service.actingFor(request, bernd);
      const listed = { insuredId: a.insuredId, action: 'documents.listed', actor: checked.actor } as const;
      let ending: Promise<void> | undefined;
      let ended = false;
      await t.system.deps.db.transaction().execute(async (trx) => {
        // the call's entry holds the representation until the call's transaction ends
        await t.system.deps.epaProtocol.record(listed, trx);
        ending = service.end(anna, id, '127.0.0.1').then(() => {
          ended = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal(ended, false, 'the end waits');
      });
      await ending;
      assert.deepEqual((await protocolOf(t, a.insuredId)).slice(0, 2).map((r) => r.action), ['representation.revoked', 'documents.listed'], 'the call, then the end');
      // a call checked before the end but kept after it
      await assert.rejects(t.system.deps.epaProtocol.record(listed), (error: unknown) => error instanceof RepresentationEndedMeanwhile && error.reason === 'ended');
      assert.equal((await protocolOf(t, a.insuredId))[0]!.action, 'representation.revoked', 'nothing of it kept');
    });

    test('Bernd steps down: Anna gets a mail and her list no longer shows him', async () => {
      const { a, b, id } = await confirmed();
      assert.equal((await call(t, b.session, 'DELETE', `/vertretungen/${id}`)).status, 204);
      const mail = await waitForMail(t.baseUrl, a.email, { subject: 'beendet' });
      assert.match(mail.text, /Bernd Muster hat am .* die Vertretung für Ihre elektronische Patientenakte \(ePA\) beendet/);
      assert.deepEqual((await call(t, a.session, 'GET', '/vertretungen')).body.granted, []);
      assert.equal((await call(t, b.session, 'GET', '/vertretung', { representation: id })).status, 403);
    });

    test("someone else using the representation's id is refused; Anna's Protokoll shows the refusal without their name, theirs without hers", async () => {
      const { a, id } = await confirmed();
      const c = await person('Carla');
      const answer = await call(t, c.session, 'GET', '/vertretung', { representation: id });
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error, 'epa_representation.not_active');
      const [inAnnas] = await protocolOf(t, a.insuredId);
      assert.deepEqual([inAnnas!.action, inAnnas!.actor_kind, inAnnas!.actor_name, inAnnas!.data.reason], ['representation.denied', 'system', null, 'not_representative']);
      const [inCarlas] = await protocolOf(t, c.insuredId);
      assert.deepEqual([inCarlas!.action, inCarlas!.actor_kind, inCarlas!.on_behalf_of_name, inCarlas!.data.representation], ['representation.denied', 'insured', null, undefined]);
      const unknown = await call(t, c.session, 'GET', '/vertretung', { representation: 'keine-id' });
      assert.equal(unknown.status, 403);
    });
  });
}
