import Html from '@kitajs/html';
import { CsrfField, ErrorSummary, Field, Notice, PageMessages, formatDateTime } from '../../../core/ui/components.tsx';
import type { EpaDeviceView } from '../../../modules/epa-access/service.ts';
import { Table } from '../../../core/ui/table.tsx';
import { DesktopLayout, type Signed } from '../layout.tsx';
import { EpaSignedInBar } from '../epa-login/pages.tsx';
import { RecordNav } from '../record-nav.tsx';
import { OwnRecordOnly } from '../representation/own-record-only.tsx';

const TITLE = 'Registrierte Geräte';
export const DEVICES_PATH = '/epa/geraete';
/** The record service keeps a device's name to this many characters. */
export const DEVICE_NAME_MAX = 60;

const HEADS = ['Name', 'Freigeschaltet am', 'Zuletzt verwendet', { hidden: 'Aktionen' }];
const STYLES = <link rel="stylesheet" href="/assets/epa/epa-devices.css" />;

const devicePath = (id: string, action: 'umbenennen' | 'entfernen') => `${DEVICES_PATH}/${encodeURIComponent(id)}/${action}`;

/** The name, with "dieses Gerät" for the device this program is. */
function NameCell(props: { device: EpaDeviceView }) {
  return (
    <th scope="row">
      <span safe>{props.device.name}</span>
      {props.device.current ? <strong class="device-current"> (dieses Gerät)</strong> : ''}
    </th>
  );
}

function DeviceTable(props: { devices: EpaDeviceView[] }) {
  if (props.devices.length === 0) return <p>Für Ihre ePA ist kein Gerät registriert.</p>;
  return (
    <Table heads={HEADS} caption="Die Geräte, die für Ihre ePA freigeschaltet sind" class="devices-table" scroll>
      {props.devices.map((d) => (
        <tr>
          <NameCell device={d} />
          <td safe>{d.confirmedAt ? formatDateTime(new Date(d.confirmedAt)) : 'Freischaltung ausstehend'}</td>
          <td safe>{d.lastUsedAt ? formatDateTime(new Date(d.lastUsedAt)) : '–'}</td>
          <td class="devices-actions">
            <a href={devicePath(d.id, 'umbenennen')} aria-label={`${d.name} umbenennen`}>
              Umbenennen
            </a>{' '}
            <a href={devicePath(d.id, 'entfernen')} aria-label={`${d.name} entfernen`}>
              Entfernen
            </a>
          </td>
        </tr>
      ))}
    </Table>
  );
}

/**
 * "Registrierte Geräte" (issue 15 §5): the devices unlocked for the person's ePA with Name,
 * "Freigeschaltet am", "Zuletzt verwendet" and "dieses Gerät" marked; each can be renamed or removed.
 */
export function DevicesPage(props: { signed: Signed; kvnr: string; devices: EpaDeviceView[]; notice?: string; error?: string }) {
  return (
    <DesktopLayout title={TITLE} signed={props.signed} back="/epa/dokumente" meta={STYLES}>
      <h1>{TITLE}</h1>
      <RecordNav current="Registrierte Geräte" actingFor={props.signed.actingFor} />
      <p class="lead">
        Diese Geräte sind für Ihre ePA freigeschaltet. Entfernen Sie ein Gerät, das Sie nicht mehr nutzen oder nicht kennen: Es kann danach nicht mehr auf Ihre ePA zugreifen.
      </p>
      <PageMessages notice={props.notice} errorText={props.error} />
      <DeviceTable devices={props.devices} />
      <EpaSignedInBar signed={props.signed} kvnr={props.kvnr} />
    </DesktopLayout>
  );
}

/** While acting for someone: their devices are theirs to manage; one's own are managed on one's own record. */
export function ActingDevicesPage(props: { signed: Signed; kvnr: string }) {
  return (
    <DesktopLayout title={TITLE} signed={props.signed} back="/epa/dokumente">
      <h1>{TITLE}</h1>
      <RecordNav current="Registrierte Geräte" actingFor={props.signed.actingFor} />
      <OwnRecordOnly signed={props.signed} back={DEVICES_PATH}>
        Die Geräte dieser Person kann nur sie selbst verwalten. Ihre eigenen Geräte verwalten Sie in Ihrer eigenen Akte.
      </OwnRecordOnly>
      <EpaSignedInBar signed={props.signed} kvnr={props.kvnr} />
    </DesktopLayout>
  );
}

/** "Umbenennen": the name field, with its message when the name is empty, too long or holds control characters. */
export function RenameDevicePage(props: { signed: Signed; device: EpaDeviceView; name?: string; error?: string }) {
  const heading = 'Gerät umbenennen';
  return (
    <DesktopLayout title={heading} signed={props.signed} back={DEVICES_PATH} narrow meta={STYLES}>
      <h1>{heading}</h1>
      <ErrorSummary errors={props.error ? { name: props.error } : {}} labels={{ name: 'Name des Geräts' }} />
      <form method="post" action={devicePath(props.device.id, 'umbenennen')} novalidate>
        <CsrfField token={props.signed.csrf} />
        <Field
          name="name"
          label="Name des Geräts"
          value={props.name ?? props.device.name}
          error={props.error}
          hint={`Höchstens ${DEVICE_NAME_MAX} Zeichen, z. B. „Laptop zu Hause“.`}
          maxlength={DEVICE_NAME_MAX}
          autocomplete="off"
          required
        />
        <div class="actions desktop-actions">
          <a class="button button--secondary" href={DEVICES_PATH}>
            Abbrechen
          </a>
          <button type="submit" class="button">
            Speichern
          </button>
        </div>
      </form>
    </DesktopLayout>
  );
}

/** "Entfernen": what follows, before it happens; for this device, that the ePA login here ends. */
export function RemoveDevicePage(props: { signed: Signed; device: EpaDeviceView; error?: string }) {
  const { device } = props;
  const heading = device.current ? 'Dieses Gerät entfernen' : 'Gerät entfernen';
  return (
    <DesktopLayout title={heading} signed={props.signed} back={DEVICES_PATH} narrow meta={STYLES}>
      <h1>{heading}</h1>
      <PageMessages errorText={props.error} />
      <Notice kind="warning">
        <p>
          Möchten Sie <strong safe>{device.name}</strong> aus Ihrer ePA entfernen?
        </p>
        {device.current ? (
          <p>
            Das ist das Gerät, an dem Sie gerade arbeiten. Sie werden hier von der ePA abgemeldet. Um Ihre ePA auf diesem Gerät wieder zu nutzen, müssen Sie es erneut
            freischalten: mit einem neuen Bestätigungscode, den Sie per E-Mail erhalten.
          </p>
        ) : (
          <p>Das Gerät kann danach nicht mehr auf Ihre ePA zugreifen. Um die ePA dort wieder zu nutzen, muss es mit einem neuen Bestätigungscode aus Ihrer E-Mail freigeschaltet werden.</p>
        )}
      </Notice>
      <form method="post" action={devicePath(device.id, 'entfernen')} class="actions desktop-actions">
        <CsrfField token={props.signed.csrf} />
        <a class="button button--secondary" href={DEVICES_PATH}>
          Abbrechen
        </a>
        <button type="submit" class="button devices-danger">
          {device.current ? 'Entfernen und abmelden' : 'Entfernen'}
        </button>
      </form>
    </DesktopLayout>
  );
}
