import { AppError } from '../../core/errors/app-error.ts';
import { newId } from '../../core/ids/secrets.ts';
import { textField } from '../../core/http/forms.ts';
import { hashPassword } from '../../core/passwords/passwords.ts';
import { parsePublicKey } from '../../core/device-keys/signatures.ts';
import { checkPin } from '../devices/pin-rules.ts';
import { browserName } from '../jobmaster-login/browser.ts';
import { CODE_RULE } from './messages.ts';
import { MAX_IDENT_DEVICES, type IdentDevicesDeps } from './service.ts';

export interface ActivationInput {
  kvnr: unknown;
  activationCode: unknown;
  /** the GesundheitsID-Code the person chose */
  pin: unknown;
  publicKey: unknown;
  /** 'cli' for the terminal program; anything else is the app */
  kind: unknown;
  /** the terminal's own name for itself; the app is named by its browser */
  name?: unknown;
}

/** What the device keeps after its activation, to greet the person and to say whom to ask for a new letter. */
export interface ActivatedDevice {
  deviceId: string;
  person: { kvnr: string; firstName: string; lastName: string };
  insurer: { name: string; street: string; postalCode: string; city: string } | null;
}

function deviceName(kind: 'app' | 'cli', name: unknown, userAgent: string | undefined): string {
  if (kind === 'app') return browserName(userAgent);
  const given = textField(typeof name === 'string' ? name.slice(0, 60) : '', { max: 60 });
  return given.ok && given.value ? `Terminal (${given.value})` : 'Terminal';
}

export function createIdentActivation(deps: IdentDevicesDeps) {
  const { db, clock, audit, insured, insurers } = deps;

  return {
    /**
     * The app's activation: the GesundheitsID-Code's rule and the key are checked before the letter's
     * code is, so a mistake there costs no attempt. The device is written in the transaction that uses
     * the code, under the person's row lock: a third active device is refused, the code stays unused and
     * the refusal costs no attempt (the code was right; see insured's `activate`).
     */
    async activate(input: ActivationInput, request: { ip: string | null; userAgent?: string }): Promise<ActivatedDevice> {
      const { ip } = request;
      const kind = input.kind === 'cli' ? 'cli' : 'app';
      const pin = typeof input.pin === 'string' ? input.pin : '';
      const rule = checkPin(pin);
      if (!rule.ok) throw new AppError(CODE_RULE[rule.code], 422, { pin: CODE_RULE[rule.code] });
      const publicKey = parsePublicKey(input.publicKey);
      const name = deviceName(kind, input.name, request.userAgent);
      const codeHash = await hashPassword(pin);
      const deviceId = newId();
      let refusedFor: string | null = null;
      try {
        const person = await insured.activate(input.kvnr, input.activationCode, {
          ip,
          within: async (trx, person) => {
            // the person's row is the lock: activations for one person take turns
            await trx.selectFrom('insured_persons').select('id').where('id', '=', person.id).forUpdate().executeTakeFirst();
            const active = await trx.selectFrom('ident_devices').select('id').where('insured_id', '=', person.id).where('status', '=', 'active').execute();
            if (active.length >= MAX_IDENT_DEVICES) {
              refusedFor = person.id;
              throw new AppError('ident_app.device_limit', 409);
            }
            await trx
              .insertInto('ident_devices')
              .values({ id: deviceId, insured_id: person.id, kind, name, public_key: JSON.stringify(publicKey), code_hash: codeHash, status: 'active', created_at: clock.now() })
              .execute();
            await audit.record({ actor: `insured:${person.id}`, action: 'insured.device_added', subject: person.id, ip, data: { device: deviceId, kind, name } }, trx);
          },
        });
        const insurer = insurers.find((i) => i.id === person.insurerId);
        return {
          deviceId,
          person: { kvnr: person.kvnr, firstName: person.firstName, lastName: person.lastName },
          insurer: insurer ? { name: insurer.name, street: insurer.street, postalCode: insurer.postalCode, city: insurer.city } : null,
        };
      } catch (error) {
        // the refusal's transaction is gone with the code's use; its entry is written after it
        if (refusedFor) await audit.record({ actor: `insured:${refusedFor}`, action: 'insured.device_refused', subject: refusedFor, ip, outcome: 'denied', data: { kind } });
        throw error;
      }
    },
  };
}
