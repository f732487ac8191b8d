import { createPrivateKey, sign } from 'node:crypto';
import { identMessage } from '../../modules/ident-devices/signed.ts';
import { LOGIN_REQUEST_PATH, requestIdOf, serverOf } from '../../modules/ident-login/link.ts';
import { CliError, callApi, type Io } from '../terminal.ts';

/** What `approve` takes from the program: its stored device, the GesundheitsID-Code, its answers to errors. */
export interface ApproveTools {
  device(values: Record<string, unknown>): { server: string; deviceId: string; privateKeyPem: string };
  code(): Promise<string>;
  /** an error answer of the app's API as the program's message and exit code */
  fail(data: Record<string, any>): never;
  exit: { usage: number; refused: number; unreachable: number };
}

export const APPROVE_USAGE = `  pforte-ident approve (--url QR-ADRESSE | --code CODE) (--number NN | --decline) [--server URL --kvnr KVNR]`;

export const APPROVE_HELP = `"approve" bestätigt eine Anmeldung der Anmeldeseite ohne Kamera: --url ist die Adresse
aus dem QR-Code, --code der Code darunter; --number die Zahl, die die Anmeldeseite zeigt (eine falsche beendet
die Anmeldung); --decline lehnt sie ab (mit dem Geräteschlüssel, ohne GesundheitsID-Code). Das Programm zeigt
vorher, wer anfragt. Eine Anmeldung beantwortet nur das Gerät, das sie zuerst geöffnet hat.`;

/**
 * `pforte-ident approve`: the login request of a QR code's address or of its typed code, shown with
 * who asks, then approved with the number the page shows, the device's signature and the
 * GesundheitsID-Code; or declined with the device's signature alone.
 */
export async function approveLogin(values: Record<string, unknown>, tools: ApproveTools, io: Io): Promise<void> {
  const url = typeof values.url === 'string' ? values.url : undefined;
  const typed = typeof values.code === 'string' ? values.code : undefined;
  if (!url === !typed) throw new CliError('Bitte genau eines angeben: --url (Adresse aus dem QR-Code) oder --code (Code unter dem QR-Code).', tools.exit.usage);
  const id = url ? requestIdOf(url) : null;
  if (url && (!id || !serverOf(url))) throw new CliError(`--url ist keine Adresse eines QR-Codes der Anmeldeseite: ${url}`, tools.exit.usage);
  const decline = values.decline === true;
  const number = typeof values.number === 'string' && /^\d{2}$/.test(values.number) ? Number(values.number) : null;
  if (!decline && number === null) throw new CliError('--number fehlt: die zweistellige Zahl, die die Anmeldeseite zeigt (oder --decline).', tools.exit.usage);

  const device = tools.device(values);
  if (url && serverOf(url) !== device.server) throw new CliError(`Der QR-Code gehört zu ${serverOf(url)}, dieses Gerät ist für ${device.server} aktiviert.`, tools.exit.usage);
  const call = (path: string, body: unknown) => callApi(device.server, '/api/ident', `${LOGIN_REQUEST_PATH}${path}`, { body }, tools.exit.unreachable);
  // the request's own refusals (unknown, expired, answered, wrong number) end with "refused"; the device's as the program says
  const refuse = (data: Record<string, any>): never => {
    if (String(data.error).startsWith('ident.')) throw new CliError(String(data.message), tools.exit.refused);
    return tools.fail(data);
  };

  const found = await call('', id ? { id } : { code: typed });
  if (found.status !== 200) refuse(found.data);
  const request = found.data as { id: string; clientName: string; browser: string; createdAt: string; choices: number[] };
  io.err(`Anmeldung bei ${request.clientName}\n  angefragt von: ${request.browser}\n  Zeitpunkt: ${new Date(request.createdAt).toLocaleString('de-DE')}`);
  // the device's signature over a nonce for this request: the first device that fetches one holds the request
  const signed = async (purpose: 'approve' | 'decline') => {
    const challenge = await call('/challenge', { id: request.id, deviceId: device.deviceId, purpose });
    if (challenge.status !== 200) refuse(challenge.data);
    const nonce = String(challenge.data.nonce);
    const signature = sign('sha256', Buffer.from(identMessage(purpose, nonce, device.deviceId, request.id)), { key: createPrivateKey(device.privateKeyPem), dsaEncoding: 'ieee-p1363' }).toString('base64url');
    return { id: request.id, deviceId: device.deviceId, nonce, signature };
  };
  if (decline) {
    const declined = await call('/decline', await signed('decline'));
    if (declined.status !== 204) refuse(declined.data);
    io.err('Anmeldung abgelehnt.');
    return;
  }
  const pin = await tools.code();
  const approved = await call('/approve', { ...(await signed('approve')), number, pin });
  if (approved.status !== 200) refuse(approved.data);
  io.err(`Anmeldung bei ${request.clientName} bestätigt. Auf dem Gerät mit der Anmeldeseite geht es weiter.`);
}
