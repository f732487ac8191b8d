import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPin, pinMessages } from '../../modules/devices/pin-rules.ts';
import { CliError, callApi, defaultIo, defaultStateDir, normaliseServer as serverOf, required as requiredOf, runCommands, writeKeyFile, type Io } from '../terminal.ts';

/** Exit codes a script can rely on. */
export const EXIT = { ok: 0, failure: 1, usage: 2, unreachable: 3, noPendingLogin: 4, wrongPin: 5, deviceLocked: 6, notActivated: 7 } as const;

const USAGE = `pforte-authenticator – die Zweifaktor App für das Terminal

  pforte-authenticator activate --server URL --email E --activation-code C --pin P
  pforte-authenticator code --server URL --email E --pin P [--accept] [--wait SEKUNDEN]
  pforte-authenticator status

Optionen: --state VERZEICHNIS (Ablage des Geräteschlüssels; Standard: ~/.config/pforte-authenticator)
"code" gibt nur den sechsstelligen Sicherheitscode der neuesten wartenden Anmeldung aus; --accept wie „Akzeptieren“
in der App (nach erneuter Eingabe der Login-Daten auf der Anmeldeseite sofort der neue Code).
Exit-Codes: 0 ok, 2 Aufruf, 3 Server nicht erreichbar, 4 keine wartende Anmeldung oder Code abgelaufen,
5 PIN falsch, 6 Gerät gesperrt, 7 Gerät nicht aktiviert, 1 sonstiger Fehler.`;

/** Manual 001 step 5, as the app says it: a timed-out code comes back only with a new login. */
const EXPIRED =
  'Der Sicherheitscode ist abgelaufen. Bitte geben Sie Ihre Login-Daten auf der Anmeldeseite neu ein; danach gibt "code" sofort den neuen Sicherheitscode aus (mit --wait wartet es darauf).';

interface StoredDevice {
  server: string;
  email: string;
  deviceId: string;
  privateKeyPem: string;
  activatedAt: string;
}

function deviceFile(stateDir: string, server: string, email: string): string {
  const id = createHash('sha256').update(`${server}\n${email.toLowerCase()}`).digest('hex').slice(0, 24);
  return join(stateDir, `device-${id}.json`);
}

const normaliseServer = (raw: unknown) => serverOf(raw, EXIT.usage);
const required = (value: unknown, name: string) => requiredOf(value, name, EXIT.usage);
const call = (server: string, path: string, init: { method?: string; body?: unknown; token?: string } = {}) => callApi(server, '/api/authenticator', path, init, EXIT.unreachable);

function failFromApi(data: Record<string, any>): never {
  const message = String(data.message ?? 'Unbekannter Fehler');
  switch (data.error) {
    case 'app.pin_wrong':
      throw new CliError(`${message} Verbleibende Versuche: ${data.details?.attemptsLeft ?? '?'}.`, EXIT.wrongPin);
    case 'app.device_locked':
      throw new CliError(message, EXIT.deviceLocked);
    case 'app.device_disabled':
    case 'app.signature_invalid':
      throw new CliError(message, EXIT.notActivated);
    case 'app.no_pending_login':
      throw new CliError(message, EXIT.noPendingLogin);
    default:
      throw new CliError(message, EXIT.failure);
  }
}

async function activate(values: Record<string, unknown>, stateDir: string, io: Io) {
  const server = normaliseServer(values.server);
  const email = required(values.email, 'email');
  const code = required(values['activation-code'], 'activation-code').replace(/\s+/g, '');
  const pin = required(values.pin, 'pin');
  const rule = checkPin(pin);
  if (!rule.ok) throw new CliError(pinMessages[rule.code], EXIT.usage);
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { status, data } = await call(server, '/activate', {
    body: { email, activationCode: code, pin, kind: 'cli', publicKey: publicKey.export({ format: 'jwk' }) },
  });
  if (status !== 201) failFromApi(data);
  const stored: StoredDevice = { server, email, deviceId: data.deviceId, privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), activatedAt: new Date().toISOString() };
  writeKeyFile(stateDir, deviceFile(stateDir, server, email), stored);
  io.err(`Gerät aktiviert für ${email} (${server}).`);
}

async function appLogin(device: StoredDevice, pin: string): Promise<string> {
  const challenge = await call(device.server, '/challenge');
  if (challenge.status !== 200) failFromApi(challenge.data);
  const message = Buffer.from(`pforte-authenticator:login:${challenge.data.nonce}:${device.deviceId}`);
  const signature = sign('sha256', message, { key: createPrivateKey(device.privateKeyPem), dsaEncoding: 'ieee-p1363' }).toString('base64url');
  const { status, data } = await call(device.server, '/login', { body: { deviceId: device.deviceId, nonce: challenge.data.nonce, signature, pin } });
  if (status !== 200) failFromApi(data);
  return data.token as string;
}

async function code(values: Record<string, unknown>, stateDir: string, io: Io) {
  const server = normaliseServer(values.server);
  const email = required(values.email, 'email');
  const pin = required(values.pin, 'pin');
  const waitSeconds = values.wait === undefined ? 0 : Number(values.wait);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0 || waitSeconds > 3600) throw new CliError('--wait erwartet Sekunden zwischen 0 und 3600', EXIT.usage);
  const file = deviceFile(stateDir, server, email);
  if (!existsSync(file)) throw new CliError(`Für ${email} bei ${server} ist hier kein Gerät aktiviert. Bitte zuerst "activate".`, EXIT.notActivated);
  const device = JSON.parse(readFileSync(file, 'utf8')) as StoredDevice;
  const token = await appLogin(device, pin);
  try {
    const deadline = Date.now() + waitSeconds * 1000;
    for (;;) {
      const current = values.accept ? await call(server, '/accept', { token }) : await call(server, '/code', { method: 'GET', token });
      if (current.status === 200 && current.data.pending && current.data.code) {
        io.out(String(current.data.code));
        return;
      }
      if (current.status !== 200 && current.status !== 404) failFromApi(current.data);
      if (Date.now() >= deadline) throw new CliError(current.data.expired ? EXPIRED : 'Zurzeit wartet keine Anmeldung auf einen Sicherheitscode.', EXIT.noPendingLogin);
      await io.sleep(1000);
    }
  } finally {
    await call(server, '/logout', { token }).catch(() => undefined);
  }
}

function status(stateDir: string, io: Io) {
  const files = existsSync(stateDir) ? readdirSync(stateDir).filter((f) => /^device-[0-9a-f]+\.json$/.test(f)) : [];
  if (files.length === 0) {
    io.out(`Keine Geräte in ${stateDir}.`);
    return;
  }
  for (const f of files) {
    const d = JSON.parse(readFileSync(join(stateDir, f), 'utf8')) as StoredDevice;
    io.out(`${d.email}  ${d.server}  Gerät ${d.deviceId}  aktiviert ${d.activatedAt}`);
  }
}

export function runAuthenticator(argv: string[], io: Io = defaultIo): Promise<number> {
  const stateDir = (values: Record<string, unknown>) => (typeof values.state === 'string' ? values.state : defaultStateDir('pforte-authenticator'));
  return runCommands(argv, io, {
    usage: USAGE,
    options: {
      server: { type: 'string' },
      email: { type: 'string' },
      'activation-code': { type: 'string' },
      pin: { type: 'string' },
      accept: { type: 'boolean' },
      wait: { type: 'string' },
      state: { type: 'string' },
    },
    commands: {
      activate: (values) => activate(values, stateDir(values), io),
      code: (values) => code(values, stateDir(values), io),
      status: (values) => status(stateDir(values), io),
    },
  });
}
