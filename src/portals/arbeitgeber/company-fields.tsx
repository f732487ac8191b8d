import Html from '@kitajs/html';
import { Field, Select } from '../../core/ui/components.tsx';
import { checkBetriebsnummer } from '../../core/identifiers/checks.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import type { CompanyFields } from '../../core/portal/definition.ts';
import type { FieldErrors } from '../../core/errors/app-error.ts';

/** Manual 000 step 2 "Unternehmensdaten": the employer chooses the AOK (the configured brand) and gives the Betriebsnummer. */
export function employerCompanyFields(insurers: Insurer[], brand: string): CompanyFields {
  const labels = { insurerId: `Ihre ${brand}`, betriebsnummer: 'Ihre Betriebsnummer' };
  return {
    labels,
    render: ({ values: v, errors: e }) => (
      <fieldset>
        <legend>Unternehmensdaten</legend>
        <Select
          name="insurerId"
          label={labels.insurerId}
          placeholder="Bitte wählen"
          options={insurers.map((i) => ({ value: i.id, label: i.name }))}
          value={v.insurerId}
          error={e.insurerId}
          required
        />
        <Field
          name="betriebsnummer"
          label={labels.betriebsnummer}
          value={v.betriebsnummer}
          error={e.betriebsnummer}
          hint="8 Ziffern, z. B. 09912342"
          inputmode="numeric"
          autocomplete="off"
          maxlength={8}
          required
        />
      </fieldset>
    ),
    async parse(body) {
      const errors: FieldErrors = {};
      const insurer = insurers.find((i) => i.id === body.insurerId);
      if (!body.insurerId) errors.insurerId = 'field.required';
      else if (!insurer) errors.insurerId = 'field.invalid_choice';
      const bnr = checkBetriebsnummer(body.betriebsnummer ?? '');
      if (!bnr.ok) errors.betriebsnummer = bnr.code;
      if (!insurer || !bnr.ok) return { ok: false, errors };
      return { ok: true, insurerId: insurer.id, identifier: bnr.value };
    },
  };
}
