import Html from '@kitajs/html';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { guard } from '../../core/http/guards.ts';
import { sendHtml } from '../../core/http/render.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import type { DeviceResetView } from '../devices/device-reset.ts';
import { LinkProblemPage, SessionNeededPage } from './pages/confirm-email.tsx';
import { RegistrationDonePage } from './pages/device.tsx';
import type { registrationsOf } from './for-portal.ts';
import type { RegistrationView } from './service.ts';

/**
 * What a registration-bound session may still do: the steps of an unfinished registration
 * (account not yet activated by staff), the steps of a running device reset, or nothing.
 */
export type Access = { kind: 'registration'; accountId: string } | { kind: 'reset'; accountId: string; reset: DeviceResetView } | { kind: 'done'; accountId: string };

/** A confirmed registration of this browser with what it may still do. */
export type ConfirmedRegistration = RegistrationView & { access: Access };

declare module '../../core/http/guards.ts' {
  interface Guarded {
    /** the confirmed registration this browser continues, on the steps after the e-mail confirmation */
    registration: ConfirmedRegistration;
  }
}

/**
 * Runs what a link from a mail opens; a link that is unknown, used or expired gives the page that
 * says so, with its status, instead of an error page.
 */
export async function orLinkProblem(request: FastifyRequest, reply: FastifyReply, deps: Pick<PlatformDeps, 'sessions'>, chrome: PortalChrome, open: () => Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof AppError && error.code.startsWith('token.')) {
      return sendHtml(reply, <LinkProblemPage chrome={chrome} csrf={deps.sessions.csrfToken(request, reply)} code={error.code} />, error.status);
    }
    throw error;
  }
}

/** How a browser's session reaches its registration, and the preHandlers of the steps after the confirmation. */
export function registrationAccess(deps: PlatformDeps, portal: PortalDefinition, registrations: ReturnType<typeof registrationsOf>) {
  const { sessions } = deps;
  const { chrome, key: PORTAL } = portal;

  /** The registration this browser continues: set by the confirmation or the status link. */
  async function currentRegistration(request: FastifyRequest) {
    const session = await sessions.load(request);
    if (!session || session.portal !== PORTAL || !session.registrationId) return null;
    try {
      return await registrations.view(session.registrationId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'registration.not_found') return null;
      throw error;
    }
  }

  async function accountOf(registrationId: string): Promise<string> {
    return (await deps.db.selectFrom('registrations').select('account_id').where('id', '=', registrationId).executeTakeFirstOrThrow()).account_id;
  }

  async function accessOf(registration: RegistrationView): Promise<Access> {
    const accountId = await accountOf(registration.id);
    const reset = await deps.deviceResets.open(accountId);
    if (reset) return { kind: 'reset', accountId, reset };
    if (registration.account.status === 'pending') return { kind: 'registration', accountId };
    return { kind: 'done', accountId };
  }

  /**
   * Steps after the confirmation need the confirmed registration of this browser, and a reason to
   * continue: an unfinished registration, or a running device reset (its device steps only once
   * staff approved it). A finished registration grants nothing.
   */
  async function confirmedRegistration(request: FastifyRequest, reply: FastifyReply, step: 'certificate' | 'device'): Promise<ConfirmedRegistration | null> {
    const registration = await currentRegistration(request);
    if (!registration) {
      await sendHtml(reply, <SessionNeededPage chrome={chrome} csrf={sessions.csrfToken(request, reply)} />, 401);
      return null;
    }
    const access = await accessOf(registration);
    if (access.kind === 'done') {
      await sendHtml(reply, <RegistrationDonePage chrome={chrome} />, 403);
      return null;
    }
    if (!registration.steps.email_confirmed) throw new AppError('registration.step_open', 409);
    // during a device reset a new device only after the insurer's check
    if (step === 'device' && access.kind === 'reset' && access.reset.status !== 'approved') throw new AppError('device_reset.pending', 409);
    return Object.assign(registration, { access });
  }

  return {
    currentRegistration,
    accessOf,
    confirmedRegistration,
    /** the certificate step: `request.registration` */
    certificateStep: guard('registration', (request, reply) => confirmedRegistration(request, reply, 'certificate')),
    /** the device steps: as the certificate step, and a device reset only once approved */
    deviceStep: guard('registration', (request, reply) => confirmedRegistration(request, reply, 'device')),
  };
}
