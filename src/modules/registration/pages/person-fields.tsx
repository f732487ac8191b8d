import Html from '@kitajs/html';
import { Select } from '../../../core/ui/components.tsx';
import { salutations, titles } from '../form.ts';

/**
 * Anrede and (unless `withTitle` is false) Titel: the same two choices wherever a person is named,
 * in the registration, the Jobmaster's registration and its "Hauptansprechpartner wechseln".
 */
export function SalutationTitleSelects(props: {
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
  titleLabel: string;
  withTitle?: boolean;
  required?: boolean;
}) {
  const { values: v, errors: e } = props;
  return (
    <>
      <Select name="salutation" label="Anrede" placeholder="Bitte wählen" options={salutations.map((s) => ({ value: s, label: s }))} value={v.salutation} error={e.salutation} required={props.required ?? true} />
      {props.withTitle === false ? '' : <Select name="title" label={props.titleLabel} options={titles.map((s) => ({ value: s, label: s || 'kein Titel' }))} value={v.title} error={e.title} />}
    </>
  );
}
