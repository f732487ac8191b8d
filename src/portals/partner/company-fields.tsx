import Html from '@kitajs/html';
import type { Db } from '../../core/db/database.ts';
import { Field } from '../../core/ui/components.tsx';
import { checkIk } from '../../core/identifiers/checks.ts';
import type { CompanyFields } from '../../core/portal/definition.ts';
import type { IkRegister } from '../../modules/ik-register/service.ts';
import { BASE } from './context.ts';

const labels = { ik: 'IK-Nummer' };

/**
 * Manual 002 §2.1: the IK number instead of the Betriebsnummer. The institution's name
 * appears from the IK register (at once with JavaScript, on "Prüfen" or on submit without);
 * the responsible AOK follows from the IK's region. A second LE-Admin of a provider joins it.
 */
export function providerCompanyFields(db: Db, register: IkRegister): CompanyFields {
  return {
    labels,
    checkButton: 'Prüfen',
    script: '/assets/build/ik-lookup.js',
    async describe(values): Promise<Record<string, string>> {
      const ik = checkIk(values.ik ?? '');
      if (!ik.ok) return {};
      const entry = await register.lookup(ik.value);
      return entry ? { institution: entry.name, address: [entry.street, `${entry.postalCode} ${entry.city}`.trim()].filter(Boolean).join(', ') } : {};
    },
    render: ({ values: v, errors: e, info }) => (
      <fieldset>
        <legend>Institution</legend>
        <Field
          name="ik"
          label={labels.ik}
          value={v.ik}
          error={e.ik}
          hint="9 Ziffern, z. B. 260326822. Nach Eingabe der IK-Nummer wird automatisch die Bezeichnung der Institution eingeblendet, wie sie der IK-Vergabestelle mitgeteilt wurde."
          inputmode="numeric"
          autocomplete="off"
          maxlength={9}
          required
          lookup={`${BASE}/ik-register`}
          describedBy="ik-institution"
        />
        <p id="ik-institution" class="lookup" aria-live="polite">
          {info.institution ? <span safe>{`Institution: ${info.institution}${info.address ? `, ${info.address}` : ''}`}</span> : ''}
        </p>
        <button type="submit" name="aktion" value="pruefen" class="button button--secondary" formnovalidate>
          Prüfen
        </button>
      </fieldset>
    ),
    async parse(body) {
      const ik = checkIk(body.ik ?? '');
      if (!ik.ok) return { ok: false, errors: { ik: ik.code } };
      const entry = await register.lookup(ik.value);
      if (!entry) return { ok: false, errors: { ik: 'ik.unknown' } };
      if (!entry.insurerId) return { ok: false, errors: { ik: 'ik.no_insurer' } };
      // an IK that a provider already manages brings the new LE-Admin into that provider
      // (its insurer checks the registration; the provider keeps the insurer it was registered with)
      const managed = await db
        .selectFrom('provider_iks')
        .leftJoin('accounts', (j) => j.onRef('accounts.company', '=', 'provider_iks.company').on('accounts.portal', '=', 'partner').on('accounts.role', '=', 'admin'))
        .select(['provider_iks.company', 'accounts.company_insurer_id'])
        .where('provider_iks.ik', '=', ik.value)
        .where('provider_iks.status', '=', 'active')
        .executeTakeFirst();
      return { ok: true, insurerId: entry.insurerId, identifier: ik.value, company: managed?.company ?? ik.value, companyInsurerId: managed?.company_insurer_id ?? undefined };
    },
  };
}
