import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../core/errors/app-error.ts';
import { SYSTEM_ACTOR, type Insured } from './service.ts';
import type { Letter } from './letters.ts';

/** Three insured persons of the demo AOK (valid KVNRs) with their postal addresses, registered for the ePA with their identity checked on site. */
const PERSONS = [
  { kvnr: 'M210640818', lastName: 'Mustermann', firstName: 'Erika', birthDate: '1964-08-12', email: 'erika.mustermann@example.org', street: 'Heidestraße 17', postalCode: '51147', city: 'Köln' },
  { kvnr: 'W158030227', lastName: 'Weiß', firstName: 'Jürgen', birthDate: '1958-03-02', email: 'juergen.weiss@example.org', street: 'Königstraße 28', postalCode: '70173', city: 'Stuttgart' },
  { kvnr: 'D191113059', lastName: 'Demir', firstName: 'Aylin', birthDate: '1991-11-30', email: 'aylin.demir@example.org', street: 'Hauptstraße 5', postalCode: '69117', city: 'Heidelberg' },
];

export interface DemoInsured {
  kvnr: string;
  name: string;
  /** null when staff locked the person since: no letter then */
  code: string | null;
  expiresAt: Date | null;
  /** the letter's PDF in the data directory */
  path: string | null;
}

/**
 * The demo's insured persons with their activation letters, only with the embedded database. The
 * database keeps codes as hashes only, so the demo keeps its own codes in clear (mode 0600) in the
 * data directory, as it keeps the demo administrator's password, and prints them at every start. A
 * kept code that is still the person's live one is printed again; a used, expired or replaced one
 * gets a new letter. The letters are written as PDFs next to it, addressed to the persons' homes.
 */
export async function seedInsuredDemo(insured: Insured, options: { insurerId: string; dataDir: string }): Promise<DemoInsured[]> {
  const file = join(options.dataDir, 'demo-insured.json');
  const kept: Record<string, string> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const out: DemoInsured[] = [];
  for (const p of PERSONS) {
    let person = await insured.findByKvnr(p.kvnr);
    if (!person) {
      const created = await insured.create(SYSTEM_ACTOR, { ...p, insurerId: options.insurerId });
      if (!created.ok) throw new Error(`demo insured person ${p.kvnr} is invalid: ${JSON.stringify(created.errors)}`);
      person = await insured.findByKvnr(p.kvnr);
    } else if (person.street === null) {
      // a demo person made before addresses were kept gets theirs
      await insured.changeAddress(SYSTEM_ACTOR, person.id, p);
    }
    const id = person!.id;
    const name = `${p.firstName} ${p.lastName}`;
    const stored = kept[p.kvnr];
    let letter: Letter | null = stored ? await insured.letterOfLiveCode(id, stored) : null;
    try {
      letter ??= await insured.registerForEpa(SYSTEM_ACTOR, id, 'in_person').catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'insured.already_registered') return insured.newLetter(SYSTEM_ACTOR, id, 'in_person');
        throw error;
      });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'insured.locked')) throw error;
      delete kept[p.kvnr];
      out.push({ kvnr: p.kvnr, name, code: null, expiresAt: null, path: null });
      continue;
    }
    const path = join(options.dataDir, letter.fileName);
    writeFileSync(path, letter.pdf, { mode: 0o600 });
    kept[p.kvnr] = letter.code;
    out.push({ kvnr: p.kvnr, name, code: letter.code, expiresAt: letter.expiresAt, path });
  }
  writeFileSync(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
  return out;
}
