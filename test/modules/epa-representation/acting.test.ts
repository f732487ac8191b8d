import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { pdfTextWith } from '../../support/pdf.ts';
import { EPA_API } from '../../../src/modules/epa-access/api.ts';
import { createRecordApi, dpopProofs, type ApiResult, type RecordApi } from '../../../src/apps/epa-desktop/record-api.ts';
import { ProtocolPageSchema } from '../../../src/modules/epa-protocol/api-schema.ts';
import { loopbackForSuite } from '../ident-provider/support.ts';
import { clockAtRealTime, loggedInPerson, unlock } from '../epa-access/support.ts';
import { pdfWith } from '../epa-records/fixtures.ts';
import { ok, refusal } from '../epa-records/api-support.ts';

/** A person on their own unlocked desktop client; `api(id)` is their record API acting for someone through representation `id`. */
interface Person {
  insuredId: string;
  kvnr: string;
  email: string;
  name: string;
  own: RecordApi;
  api(representation: string): RecordApi;
}

for (const kind of databaseKinds) {
  describe(`ePA Vertretung: the document and Protokoll routes act for the represented person (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    clockAtRealTime(t);

    async function person(firstName: string, device: string): Promise<Person> {
      const p = await loggedInPerson(t, `${callback().base}/callback`);
      await t.system.deps.db.updateTable('insured_persons').set({ first_name: firstName }).where('id', '=', p.insuredId).execute();
      await unlock(t, p, device);
      const make = (representation?: string) => createRecordApi({ server: t.baseUrl, accessToken: () => p.session.accessToken, proof: dpopProofs(p.session.keys), representation });
      return { insuredId: p.insuredId, kvnr: p.kvnr, email: p.email, name: `${firstName} Muster`, own: make(), api: (id) => make(id) };
    }

    /** Anna named Bernd, who confirmed in his own client; Anna's record holds a Befund. */
    async function confirmed() {
      const a = await person('Anna', 'Annas Laptop');
      const b = await person('Bernd', 'Bernds PC');
      const named = ok(await a.own.nameRepresentative({ kvnr: b.kvnr, email: b.email }));
      ok(await b.own.confirmRepresentation(named.representation.id));
      const befund = ok(await a.own.addDocument({ typ: 'BEF', titel: 'Befund Knie', fileName: 'knie.pdf', bytes: pdfWith('Knie rechts') }));
      return { a, b, id: named.representation.id, befund, forA: b.api(named.representation.id) };
    }

    /** The newest entries of a Protokoll as [action, who, on behalf of, device, result]. */
    async function newest(insuredId: string, n: number) {
      const rows = await t.system.deps.db
        .selectFrom('epa_protocol')
        .select(['action', 'actor_kind', 'actor_name', 'on_behalf_of_name', 'device_name', 'result', 'document_id'])
        .where('insured_id', '=', insuredId)
        .orderBy('id', 'desc')
        .limit(n)
        .execute();
      return rows.map((r) => [r.action, r.actor_kind === 'representative' ? `${r.actor_name} (Vertretung)` : r.actor_kind, r.on_behalf_of_name, r.device_name, r.result]);
    }

    test("acting for Anna, Bernd lists her documents, not his; the listing is in her Protokoll as his and in his as on her behalf", async () => {
      const { a, b, forA } = await confirmed();
      ok(await b.own.addDocument({ typ: 'DOK', titel: 'Bernds eigene Notiz', fileName: 'notiz.pdf', bytes: pdfWith('Notiz') }));
      const list = ok(await forA.listDocuments());
      assert.deepEqual(list.documents.map((d) => d.title), ['Befund Knie']);
      assert.deepEqual(ok(await b.own.listDocuments()).documents.map((d) => d.title), ['Bernds eigene Notiz'], 'without the header his own record');
      assert.deepEqual(await newest(a.insuredId, 1), [['documents.listed', 'Bernd Muster (Vertretung)', null, 'Bernds PC', 'success']]);
      assert.deepEqual((await newest(b.insuredId, 2))[1], ['documents.listed', 'insured', 'Anna Muster', 'Bernds PC', 'success']);
    });

    test('acting for Anna, Bernd opens her Befund: the bytes, one access counted, logged in both Protokolle', async () => {
      const { a, b, befund, forA } = await confirmed();
      const opened = ok(await forA.openDocument(befund.id));
      assert.equal(opened.contentType, 'application/pdf');
      assert.deepEqual(await newest(a.insuredId, 1), [['document.opened', 'Bernd Muster (Vertretung)', null, 'Bernds PC', 'success']]);
      assert.deepEqual(await newest(b.insuredId, 1), [['document.opened', 'insured', 'Anna Muster', 'Bernds PC', 'success']]);
      assert.equal(ok(await a.own.listDocuments()).documents[0]!.accessCount, 1);
    });

    test('acting for Anna, Bernd adds a document to her record: its Autor names him as her representative', async () => {
      const { a, b, forA } = await confirmed();
      const added = ok(await forA.addDocument({ typ: 'LAB', titel: 'Blutbild März', fileName: 'blutbild.pdf', bytes: pdfWith('Blutbild') }));
      const hers = ok(await a.own.listDocuments({ sort: 'titel', dir: 'asc' }));
      assert.deepEqual(hers.documents.map((d) => [d.title, d.author]), [['Befund Knie', 'von mir'], ['Blutbild März', 'Bernd Muster (Vertretung)']]);
      assert.deepEqual(ok(await b.own.listDocuments()).documents, [], 'nothing in his own record');
      const rows = await t.system.deps.db.selectFrom('epa_protocol').select(['insured_id', 'actor_kind', 'document_id']).where('action', '=', 'document.added').where('document_id', '=', added.id).execute();
      assert.deepEqual(rows.map((r) => [r.insured_id, r.actor_kind]).sort(), [[a.insuredId, 'representative'], [b.insuredId, 'insured']].sort());
    });

    test('acting for Anna, a document id of his own record is not found, and the try is in her Protokoll', async () => {
      const { a, b, forA } = await confirmed();
      const his = ok(await b.own.addDocument({ typ: 'DOK', titel: 'Bernds eigene Notiz', fileName: 'notiz.pdf', bytes: pdfWith('Notiz') }));
      assert.equal(refusal(await forA.openDocument(his.id)), '404 request.not_found');
      assert.deepEqual((await newest(a.insuredId, 1))[0]!.slice(0, 2), ['document.not_found', 'Bernd Muster (Vertretung)']);
    });

    test("acting for Anna, Bernd reads her Protokoll (his own steps as hers to see) and saves it as PDF with her name", async (tc) => {
      const { a, forA } = await confirmed();
      ok(await forA.listDocuments());
      const page = ProtocolPageSchema.parse(ok(await forA.protocol()));
      assert.deepEqual(
        page.entries.slice(0, 2).map((e) => [e.action, e.actor.kind, e.actor.name, e.device?.name]),
        [
          ['documents.listed', 'representative', 'Bernd Muster', 'Bernds PC'],
          ['document.added', 'insured', null, 'Annas Laptop'],
        ],
      );
      const pdf = ok(await forA.protocolPdf());
      pdfTextWith(tc, pdf, ['Anna Muster', a.kvnr]);
      assert.deepEqual(
        (await newest(a.insuredId, 2)).map((r) => r.slice(0, 2)),
        [
          ['protocol.exported', 'Bernd Muster (Vertretung)'],
          ['protocol.viewed', 'Bernd Muster (Vertretung)'],
        ],
      );
    });

    test("his own Protokoll names whom he acted for (onBehalfOf)", async () => {
      const { b, forA } = await confirmed();
      ok(await forA.listDocuments());
      const mine = ok(await b.own.protocol());
      assert.deepEqual([mine.entries[0]!.action, mine.entries[0]!.actor.kind, mine.entries[0]!.onBehalfOf], ['documents.listed', 'insured', 'Anna Muster']);
    });

    test('after Anna revokes, Bernd can no longer list, open, add or read her Protokoll: each 403, each refusal in her Protokoll, nothing stored', async () => {
      const { a, b, id, befund, forA } = await confirmed();
      ok(await a.own.endRepresentation(id));
      const tries = [
        await forA.listDocuments(),
        await forA.openDocument(befund.id),
        await forA.addDocument({ typ: 'LAB', titel: 'Nach dem Widerruf', fileName: 'spaet.pdf', bytes: pdfWith('spaet') }),
        await forA.deleteDocument(befund.id),
        await forA.exportDocuments([befund.id]),
        await forA.protocol(),
        await forA.protocolPdf(),
      ];
      assert.deepEqual(
        tries.map((r) => refusal(r)),
        Array(7).fill('403 epa_representation.not_active'),
      );
      const denied = (await newest(a.insuredId, 7)).map((r) => r.slice(0, 2).concat(r[4]!));
      assert.deepEqual(denied, Array(7).fill(['representation.denied', 'Bernd Muster (Vertretung)', 'denied']));
      assert.deepEqual((await newest(b.insuredId, 1))[0]!.slice(0, 3), ['representation.denied', 'insured', 'Anna Muster']);
      const hers = ok(await a.own.listDocuments());
      assert.deepEqual(hers.documents.map((d) => [d.title, d.accessCount]), [['Befund Knie', 0]], 'not added, not deleted, not opened');
    });

    test('Anna ends the Vertretung while a call of Bernd\'s for her runs (after its check): each is refused, nothing of it kept, the refusal in her Protokoll', async () => {
      const { a, b, id, befund } = await confirmed();
      // each call below gets a Vertretung of its own (a fresh naming, confirmed)
      ok(await a.own.endRepresentation(id));
      const calls: Record<string, (api: RecordApi) => Promise<ApiResult<unknown>>> = {
        'list': (api) => api.listDocuments(),
        'open': (api) => api.openDocument(befund.id),
        'add': (api) => api.addDocument({ typ: 'LAB', titel: 'Während des Widerrufs', fileName: 'zugleich.pdf', bytes: pdfWith('zugleich') }),
        'delete': (api) => api.deleteDocument(befund.id),
        'export': (api) => api.exportDocuments([befund.id]),
        'Protokoll': (api) => api.protocol(),
        'Protokoll as PDF': (api) => api.protocolPdf(),
      };
      // Anna's client ends it between the check of Bernd's call and what the call does
      const service = t.system.deps.epaRepresentation;
      const check = service.actingFor;
      let endAfterCheck: string | null = null;
      service.actingFor = async (request, caller) => {
        const who = await check(request, caller);
        if (who.representationId !== null && who.representationId === endAfterCheck) {
          endAfterCheck = null;
          ok(await a.own.endRepresentation(who.representationId));
        }
        return who;
      };
      try {
        for (const [name, run] of Object.entries(calls)) {
          const named = ok(await a.own.nameRepresentative({ kvnr: b.kvnr, email: b.email }));
          ok(await b.own.confirmRepresentation(named.representation.id));
          endAfterCheck = named.representation.id;
          assert.equal(refusal(await run(b.api(named.representation.id))), '403 epa_representation.not_active', name);
          assert.equal(endAfterCheck, null, `${name}: ended after the check passed`);
          assert.deepEqual(
            (await newest(a.insuredId, 2)).map((r) => r.slice(0, 2).concat(r[4]!)),
            [
              ['representation.denied', 'Bernd Muster (Vertretung)', 'denied'],
              ['representation.revoked', 'insured', 'success'],
            ],
            `${name}: the end, then the refusal; nothing of the call`,
          );
        }
      } finally {
        service.actingFor = check;
      }
      const hers = ok(await a.own.listDocuments());
      assert.deepEqual(hers.documents.map((d) => [d.title, d.accessCount]), [['Befund Knie', 0]], 'not added, not deleted, not opened, not exported');
    });

    test('before Bernd confirms, and for anyone else, the header is refused on the document routes', async () => {
      const a = await person('Anna', 'Annas Laptop');
      const b = await person('Bernd', 'Bernds PC');
      const c = await person('Carla', 'Carlas PC');
      const named = ok(await a.own.nameRepresentative({ kvnr: b.kvnr, email: b.email }));
      assert.equal(refusal(await b.api(named.representation.id).listDocuments()), '403 epa_representation.not_active');
      ok(await b.own.confirmRepresentation(named.representation.id));
      assert.equal(refusal(await c.api(named.representation.id).listDocuments()), '403 epa_representation.not_active');
      assert.equal(refusal(await c.api('kein-vertretungs-id').protocol()), '403 epa_representation.not_active');
      ok(await b.api(named.representation.id).listDocuments());
    });

    test('the OpenAPI document names the header on the routes of the record', async () => {
      const doc = (await (await fetch(`${t.baseUrl}${EPA_API}/openapi.json`)).json()) as { paths: Record<string, Record<string, { parameters?: { $ref?: string }[] }>>; components: { parameters: Record<string, { name: string; in: string }> } };
      assert.deepEqual(doc.components.parameters.representation, { ...doc.components.parameters.representation, name: 'Pforte-Vertretung', in: 'header' });
      for (const [path, method] of [['/documents', 'get'], ['/documents', 'post'], ['/documents/{id}', 'get'], ['/documents/{id}', 'delete'], ['/documents/export', 'post'], ['/protokoll', 'get'], ['/protokoll.pdf', 'get']] as const) {
        assert.ok(doc.paths[path]![method]!.parameters!.some((p) => p.$ref === '#/components/parameters/representation'), `${method} ${path}`);
      }
    });
  });
}

