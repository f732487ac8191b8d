import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { pdfTextWith } from '../../support/pdf.ts';
import { DAY } from '../../../src/core/clock/clock.ts';
import { checkKvnr } from '../../../src/core/identifiers/checks.ts';
import { seedInsuredDemo } from '../../../src/modules/insured/demo.ts';
import { SYSTEM_ACTOR } from '../../../src/modules/insured/service.ts';

for (const kind of databaseKinds) {
  describe(`insured persons › the demo (${kind})`, () => {
    const t = testSystemFor(kind);

    test('three registered persons with their addresses and letters; a second start keeps the codes until one is used or expired', async (ctx) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'pforte-insured-demo-'));
      ctx.after(() => rmSync(dataDir, { recursive: true, force: true }));
      const { insured, db } = t.system.deps;
      const seed = () => seedInsuredDemo(insured, { insurerId: 'bw', dataDir });

      const first = await seed();
      assert.equal(first.length, 3);
      for (const p of first) {
        assert.ok(checkKvnr(p.kvnr).ok, p.kvnr);
        assert.match(p.code!, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
        assert.equal(p.path, join(dataDir, `Aktivierungsbrief-${p.kvnr}.pdf`));
        assert.equal(statSync(p.path).mode & 0o777, 0o600);
        const person = await insured.findByKvnr(p.kvnr);
        assert.equal(person?.insurer_id, 'bw');
        assert.ok(person?.street && person.postal_code && person.city, 'a demo person has a postal address');
        const address = `${p.name} ${person.street} ${person.postal_code} ${person.city}`;
        pdfTextWith(ctx, readFileSync(p.path), ['Ihre Aktivierung der AOK Ident-App', address, p.kvnr, p.code!, 'AOK Baden-Württemberg', 'vor Ort mit Ausweis']);
      }
      assert.equal(statSync(join(dataDir, 'demo-insured.json')).mode & 0o777, 0o600);
      const codeRows = () => db.selectFrom('insured_activation_codes').select('id').execute();
      assert.equal((await codeRows()).length, 3);

      const again = await seed();
      assert.deepEqual(again.map((p) => p.code), first.map((p) => p.code));
      assert.equal((await codeRows()).length, 3);
      assert.equal((await db.selectFrom('insured_persons').select('id').execute()).length, 3);

      // a used code: that person alone gets a new letter
      await insured.activate(first[0]!.kvnr, first[0]!.code, { ip: '203.0.113.50' });
      const afterUse = await seed();
      assert.notEqual(afterUse[0]!.code, first[0]!.code);
      assert.deepEqual(afterUse.slice(1).map((p) => p.code), first.slice(1).map((p) => p.code));
      pdfTextWith(ctx, readFileSync(afterUse[0]!.path!), [afterUse[0]!.code!]);

      // expired codes: new letters for all; a locked person gets none
      t.clock.advance(14 * DAY);
      const locked = (await insured.findByKvnr(first[1]!.kvnr))!;
      await insured.setLocked(SYSTEM_ACTOR, locked.id, true, 'Test');
      const afterExpiry = await seed();
      assert.equal(afterExpiry[1]!.code, null);
      assert.notEqual(afterExpiry[0]!.code, afterUse[0]!.code);
      assert.notEqual(afterExpiry[2]!.code, afterUse[2]!.code);
      assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(dataDir, 'demo-insured.json'), 'utf8'))).sort(), [first[0]!.kvnr, first[2]!.kvnr].sort());
      await insured.setLocked(SYSTEM_ACTOR, locked.id, false, 'Test');
      t.clock.advance(-14 * DAY);
    });
  });
}
