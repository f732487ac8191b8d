import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { checkKvnr } from '../../core/identifiers/checks.ts';
import { identifierMessages } from '../../core/identifiers/messages.ts';
import { checkPin } from '../../modules/devices/pin-rules.ts';
import { CODE_RULE, identAppMessages } from '../../modules/ident-devices/messages.ts';
import { identMessage, type IdentPurpose } from '../../modules/ident-devices/signed.ts';
import { APPROVE_HELP, APPROVE_USAGE, approveLogin } from './approve.ts';
import { CliError, FLAG, VALUE, callApi, defaultIo, defaultStateDir, normaliseServer, required, runCommands, writeKeyFile, type Io } from '../terminal.ts';

/** Exit codes a script can rely on. */
export const EXIT = { ok: 0, failure: 1, usage: 2, unreachable: 3, refused: 4, wrongCode: 5, deviceLocked: 6, notActivated: 7 } as const;

const USAGE = `pforte-ident – die „AOK Ident“-App für das Terminal

  pforte-ident activate --server URL --kvnr KVNR --code AKTIVIERUNGSCODE [--name NAME]
  pforte-ident devices [--server URL --kvnr KVNR]
  pforte-ident remove-device GERÄT [--server URL --kvnr KVNR]
${APPROVE_USAGE}

Der GesundheitsID-Code wird am Terminal verdeckt abgefragt (beim Aktivieren zweimal); mit --pin-stdin
liest das Programm ihn aus der ersten Zeile der Standardeingabe. Sind hier mehrere Geräte gespeichert,
wählen --server und --kvnr eines aus. GERÄT ist eine Geräte-ID aus "devices".
${APPROVE_HELP}
Optionen: --data VERZEICHNIS (Ablage des Geräteschlüssels; Standard: ~/.config/pforte-ident)
Exit-Codes: 0 ok, 2 Aufruf, 3 Server nicht erreichbar, 4 Aktivierung oder Anmeldung abgewiesen, 5 GesundheitsID-Code falsch,
6 Gerät gesperrt, 7 Gerät nicht (mehr) aktiviert, 1 sonstiger Fehler.`;

interface StoredDevice {
  server: string;
  kvnr: string;
  name: string;
  deviceId: string;
  privateKeyPem: string;
  activatedAt: string;
}

/** How the GesundheitsID-Code is read: hidden from the terminal, or a line of standard input. */
export interface IdentIo extends Io {
  /** asks on the terminal without echo; undefined when there is no terminal */
  askHidden?(prompt: string): Promise<string>;
  /** standard input, whole */
  stdin(): Promise<string>;
}

const processIo: IdentIo = {
  ...defaultIo,
  askHidden: process.stdin.isTTY ? askHidden : undefined,
  stdin: async () => {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text;
  },
};

/** Reads a line from the terminal without showing it (raw mode; backspace works, Ctrl-C ends). */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    let value = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: Buffer) => {
      for (const c of chunk.toString('utf8')) {
        if (c === '\r' || c === '\n') return finish(), resolve(value);
        if (c === '\u0003') return finish(), reject(new CliError('Abgebrochen.', EXIT.usage));
        value = c === '\u007f' || c === '\b' ? value.slice(0, -1) : value + c;
      }
    };
    process.stderr.write(prompt);
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

const call = (server: string, path: string, init: { method?: string; body?: unknown; token?: string } = {}) => callApi(server, '/api/ident', path, init, EXIT.unreachable);

function deviceFile(dataDir: string, server: string, kvnr: string): string {
  const id = createHash('sha256').update(`${server}\n${kvnr}`).digest('hex').slice(0, 24);
  return join(dataDir, `device-${id}.json`);
}

function storedFiles(dataDir: string): string[] {
  return existsSync(dataDir) ? readdirSync(dataDir).filter((f) => /^device-[0-9a-f]+\.json$/.test(f)).map((f) => join(dataDir, f)) : [];
}

function failFromApi(data: Record<string, any>): never {
  const message = String(data.message ?? 'Unbekannter Fehler');
  const code = String(data.error ?? '');
  if (code === 'ident_app.code_wrong') throw new CliError(`${message} Verbleibende Versuche: ${data.details?.attemptsLeft ?? '?'}.`, EXIT.wrongCode);
  if (code === 'ident_app.device_locked') throw new CliError(message, EXIT.deviceLocked);
  if (code === 'app.signature_invalid' || code === 'ident_app.device_not_found') throw new CliError(message, EXIT.notActivated);
  if (code.startsWith('insured.') || code === 'ident_app.device_limit') throw new CliError(message, EXIT.refused);
  if (code.startsWith('kvnr.') || code.startsWith('ident_app.code_')) throw new CliError(message, EXIT.usage);
  throw new CliError(message, EXIT.failure);
}

/** The GesundheitsID-Code: the first line of standard input with --pin-stdin, else asked on the terminal (twice for a new one). */
async function readCode(io: IdentIo, fromStdin: boolean, twice: boolean): Promise<string> {
  if (fromStdin) return (await io.stdin()).split(/\r?\n/)[0]!.trim();
  if (!io.askHidden) throw new CliError('Kein Terminal für die Eingabe des GesundheitsID-Codes: bitte --pin-stdin verwenden.', EXIT.usage);
  const code = await io.askHidden('GesundheitsID-Code: ');
  if (twice && (await io.askHidden('GesundheitsID-Code wiederholen: ')) !== code) throw new CliError('Die beiden GesundheitsID-Codes stimmen nicht überein.', EXIT.usage);
  return code;
}

async function activate(values: Record<string, unknown>, dataDir: string, io: IdentIo) {
  const server = normaliseServer(values.server, EXIT.usage);
  const kvnr = checkKvnr(required(values.kvnr, 'kvnr', EXIT.usage));
  if (!kvnr.ok) throw new CliError(identifierMessages[kvnr.code], EXIT.usage);
  const activationCode = required(values.code, 'code', EXIT.usage);
  const pin = await readCode(io, Boolean(values['pin-stdin']), true);
  const rule = checkPin(pin);
  if (!rule.ok) throw new CliError(identAppMessages[CODE_RULE[rule.code]], EXIT.usage);
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = typeof values.name === 'string' ? values.name : hostname();
  const { status, data } = await call(server, '/activate', { body: { kvnr: kvnr.value, activationCode, pin, kind: 'cli', name, publicKey: publicKey.export({ format: 'jwk' }) } });
  if (status !== 201) failFromApi(data);
  const stored: StoredDevice = {
    server,
    kvnr: kvnr.value,
    name: `${data.person.firstName} ${data.person.lastName}`,
    deviceId: data.deviceId,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    activatedAt: new Date().toISOString(),
  };
  writeKeyFile(dataDir, deviceFile(dataDir, server, kvnr.value), stored);
  io.err(`AOK Ident aktiviert für ${stored.name} (${kvnr.value}, ${server}).`);
  io.out(data.deviceId);
}

/** The stored device named by --server and --kvnr, or the only one there is. */
function storedDevice(values: Record<string, unknown>, dataDir: string): { file: string; device: StoredDevice } {
  let file: string | undefined;
  if (values.server !== undefined || values.kvnr !== undefined) {
    const kvnr = checkKvnr(required(values.kvnr, 'kvnr', EXIT.usage));
    if (!kvnr.ok) throw new CliError(identifierMessages[kvnr.code], EXIT.usage);
    file = deviceFile(dataDir, normaliseServer(values.server, EXIT.usage), kvnr.value);
  } else {
    const files = storedFiles(dataDir);
    if (files.length > 1) throw new CliError(`In ${dataDir} sind mehrere Geräte gespeichert: bitte --server und --kvnr angeben.`, EXIT.usage);
    file = files[0];
  }
  if (!file || !existsSync(file)) throw new CliError(`Hier ist kein Gerät aktiviert (${dataDir}). Bitte zuerst "activate".`, EXIT.notActivated);
  return { file, device: JSON.parse(readFileSync(file, 'utf8')) as StoredDevice };
}

/** A nonce for this device, signed for `purpose` and what it is about. */
async function signedBody(device: StoredDevice, purpose: IdentPurpose, about = '') {
  const challenge = await call(device.server, '/challenge', { body: { deviceId: device.deviceId, purpose } });
  if (challenge.status !== 200) failFromApi(challenge.data);
  const nonce = String(challenge.data.nonce);
  const signature = sign('sha256', Buffer.from(identMessage(purpose, nonce, device.deviceId, about)), { key: createPrivateKey(device.privateKeyPem), dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return { deviceId: device.deviceId, nonce, signature };
}

/** "Geräte": the device's signature and the GesundheitsID-Code open a session for `work`, closed after it. */
async function withSession(device: StoredDevice, pin: string, work: (token: string) => Promise<void>) {
  const { status, data } = await call(device.server, '/login', { body: { ...(await signedBody(device, 'login')), pin } });
  if (status !== 200) failFromApi(data);
  const token = String(data.token);
  try {
    await work(token);
  } finally {
    await call(device.server, '/logout', { token }).catch(() => undefined);
  }
}

async function devices(values: Record<string, unknown>, dataDir: string, io: IdentIo) {
  const { device } = storedDevice(values, dataDir);
  const pin = await readCode(io, Boolean(values['pin-stdin']), false);
  await withSession(device, pin, async (token) => {
    const { status, data } = await call(device.server, '/devices', { method: 'GET', token });
    if (status !== 200) failFromApi(data);
    for (const d of data.devices as { id: string; name: string; status: string; createdAt: string; current: boolean }[]) {
      io.out([d.id, d.name, `aktiviert ${d.createdAt.slice(0, 10)}`, d.status === 'locked' ? 'gesperrt' : '', d.current ? '(dieses Gerät)' : ''].filter(Boolean).join('  '));
    }
  });
}

async function removeDevice(values: Record<string, unknown>, target: string | undefined, dataDir: string, io: IdentIo) {
  if (!target) throw new CliError('Welches Gerät? pforte-ident remove-device GERÄT (die ID aus "devices")', EXIT.usage);
  const { file, device } = storedDevice(values, dataDir);
  const pin = await readCode(io, Boolean(values['pin-stdin']), false);
  await withSession(device, pin, async (token) => {
    const body = { ...(await signedBody(device, 'remove', target)), remove: target };
    const { status, data } = await call(device.server, '/devices/remove', { body, token });
    if (status !== 204) failFromApi(data);
  });
  // this device removed: its key is of no use any more
  if (target === device.deviceId) rmSync(file, { force: true });
  io.err(`Gerät ${target} entfernt.`);
}

export function runIdent(argv: string[], io: IdentIo = processIo): Promise<number> {
  const dataDir = (values: Record<string, unknown>) => (typeof values.data === 'string' ? values.data : defaultStateDir('pforte-ident'));
  return runCommands(argv, io, {
    usage: USAGE,
    options: { server: VALUE, kvnr: VALUE, code: VALUE, name: VALUE, 'pin-stdin': FLAG, data: VALUE, url: VALUE, number: VALUE, decline: FLAG },
    commands: {
      activate: (values) => activate(values, dataDir(values), io),
      devices: (values) => devices(values, dataDir(values), io),
      'remove-device': (values, positionals) => removeDevice(values, positionals[1], dataDir(values), io),
      // manual 003 §4.1 without a camera: the QR code's address or the code under it
      approve: (values) =>
        approveLogin(values, { device: (v) => storedDevice(v, dataDir(v)).device, code: () => readCode(io, Boolean(values['pin-stdin']), false), fail: failFromApi, exit: EXIT }, io),
    },
  });
}
