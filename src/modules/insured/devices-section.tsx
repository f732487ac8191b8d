import Html from '@kitajs/html';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import type { StaffMember } from '../../core/staff/service.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import { Layout } from '../../core/ui/layout.tsx';
import { CsrfField, Notice, TextArea, formatDateTime } from '../../core/ui/components.tsx';
import { PageHead } from '../../core/ui/page-head.tsx';
import { SubmitActions } from '../../core/ui/post-button.tsx';
import { Table } from '../../core/ui/table.tsx';
import { StaffBar } from '../../core/staff/shell.tsx';
import { t } from '../../core/i18n/de.ts';
import type { IdentDevices } from '../ident-devices/service.ts';
import { MAX_REASON } from './fields.ts';
import { INSURED_PATH } from './pages.tsx';

export type StaffDevice = Awaited<ReturnType<IdentDevices['staff']['list']>>[number];

const KIND_LABEL: Record<string, string> = { app: 'App', cli: 'Terminal-Programm' };
const when = (d: Date | string | null) => (d ? formatDateTime(new Date(d)) : 'noch nie');
const removePath = (insuredId: string, deviceId: string) => `${INSURED_PATH}/${insuredId}/geraete/${deviceId}/entfernen`;

/** "Geräte der AOK Ident-App" on the person's page: each device with the way to remove it. */
export function DevicesSection(props: { insuredId: string; devices: StaffDevice[] }) {
  return (
    <>
      <h2>Geräte der AOK Ident-App</h2>
      {props.devices.length ? (
        <Table heads={['Gerät', 'Aktiviert', 'Zuletzt verwendet', 'Status', 'Aktion']}>
          {props.devices.map((d) => (
            <tr>
              <td safe>{`${d.name} (${KIND_LABEL[d.kind] ?? d.kind})`}</td>
              <td safe>{when(d.created_at)}</td>
              <td safe>{when(d.last_used_at)}</td>
              <td>{d.status === 'locked' ? 'gesperrt (falscher GesundheitsID-Code)' : 'aktiv'}</td>
              <td>
                <a href={removePath(props.insuredId, d.id)} aria-label={`Gerät ${d.name} entfernen`}>
                  Gerät entfernen
                </a>
              </td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>Die Person hat kein Gerät aktiviert.</p>
      )}
    </>
  );
}

/** "Gerät entfernen?": what the removal means, the reason, then the removal or the way back. */
export function DeviceRemovePage(props: {
  chrome: PortalChrome;
  csrf: string;
  staff: StaffMember;
  insurers: Insurer[];
  person: { id: string; first_name: string; last_name: string };
  device: StaffDevice;
  reason?: string;
  error?: string;
}) {
  const name = `${props.person.first_name} ${props.person.last_name}`;
  const back = `${INSURED_PATH}/${props.person.id}`;
  return (
    <Layout title={props.error ? 'Fehler: Gerät entfernen' : 'Gerät entfernen'} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <PageHead back={{ href: back, label: name }} eyebrow="Versicherte Person" title="Gerät entfernen" />
      <Notice kind="warning">
        <p safe>{`Möchten Sie das Gerät „${props.device.name}“ von ${name} wirklich entfernen (aktiviert am ${when(props.device.created_at)})?`}</p>
        <p>
          Mit dem Gerät lassen sich danach keine Anmeldungen mehr bestätigen; seine offenen Sitzungen enden. Um es wieder zu nutzen, aktiviert
          die Person es mit einem neuen Aktivierungsbrief neu.
        </p>
      </Notice>
      <form method="post" action={removePath(props.person.id, props.device.id)} novalidate>
        <CsrfField token={props.csrf} />
        <TextArea name="reason" label="Grund für das Entfernen" value={props.reason} error={props.error && t(props.error)} maxlength={MAX_REASON} rows={2} required />
        <SubmitActions label="Gerät entfernen">
          <a class="button button--secondary" href={back}>
            Abbrechen
          </a>
        </SubmitActions>
      </form>
    </Layout>
  );
}
