import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { EPA_API } from '../../../src/modules/epa-access/api.ts';
import { createRecordApi, dpopProofs } from '../../../src/apps/epa-desktop/record-api.ts';
import { ActingSchema, RepresentationInvitedSchema, RepresentationListSchema, ReceivedRepresentationSchema } from '../../../src/modules/epa-representation/api-schema.ts';
import { loopbackForSuite } from '../ident-provider/support.ts';
import { clockAtRealTime, loggedInPerson, unlock } from '../epa-access/support.ts';
import { ok } from '../epa-records/api-support.ts';

type OpenApi = { paths: Record<string, Record<string, { tags?: string[]; parameters?: { $ref?: string; name?: string }[] }>>; components: { schemas: Record<string, unknown> } };

for (const kind of databaseKinds) {
  describe(`ePA record API › the Vertretung routes in the OpenAPI document (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    clockAtRealTime(t);
    const openApi = async () => (await (await fetch(`${t.baseUrl}${EPA_API}/openapi.json`)).json()) as OpenApi;

    // that every route of the API is in the document, these among them: epa-records/api.test.ts
    test('the Vertretung routes are documented with their tag and answers; switching names the Pforte-Vertretung header', async () => {
      const doc = await openApi();
      for (const [path, method] of [['/vertretungen', 'get'], ['/vertretungen', 'post'], ['/vertretungen/{id}/bestaetigen', 'post'], ['/vertretungen/{id}', 'delete'], ['/vertretung', 'get']] as const) {
        assert.deepEqual(doc.paths[path]?.[method]?.tags, ['Vertretung'], `${method} ${path}`);
      }
      assert.ok(doc.paths['/vertretung']!.get!.parameters!.some((p) => p.$ref === '#/components/parameters/representation'));
      for (const schema of ['RepresentationList', 'RepresentationInvited', 'ReceivedRepresentation', 'Acting']) assert.ok(schema in doc.components.schemas, schema);
    });

    test("the Vertretung routes answer as the document's schemas say", async () => {
      const person = async (device: string) => {
        const p = await loggedInPerson(t, `${callback().base}/callback`);
        await unlock(t, p, device);
        return { ...p, api: (representation?: string) => createRecordApi({ server: t.baseUrl, accessToken: () => p.session.accessToken, proof: dpopProofs(p.session.keys), representation }) };
      };
      const a = await person('Annas Laptop');
      const b = await person('Bernds PC');
      const named = RepresentationInvitedSchema.parse(ok(await a.api().nameRepresentative({ kvnr: b.kvnr, email: b.email })));
      ReceivedRepresentationSchema.parse(ok(await b.api().confirmRepresentation(named.representation.id)).representation);
      const lists = RepresentationListSchema.parse(ok(await b.api().representations()));
      assert.deepEqual(lists.received.map((r) => [r.id, r.status]), [[named.representation.id, 'confirmed']]);
      assert.deepEqual(ActingSchema.parse(ok(await b.api(named.representation.id).actingFor())).representation?.id, named.representation.id);
      assert.deepEqual(ActingSchema.parse(ok(await b.api().actingFor())), { representation: null });
    });
  });
}
