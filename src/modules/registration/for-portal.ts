import type { PortalDefinition } from '../../core/portal/definition.ts';
import { createRegistrationService, type RegistrationDeps } from './service.ts';
import { accountExistsMail, confirmationMail, nothingToConfirmMail } from './mails.ts';

/** The registrations of one portal, with its words and links: its pages use them, and so do staff deciding on them. */
export function registrationsOf(deps: RegistrationDeps, portal: PortalDefinition) {
  const { key, words, url } = portal;
  return createRegistrationService(deps, {
    portal: key,
    confirmationMail: (input) => confirmationMail(words, input),
    accountExistsMail: ({ insurer }) => accountExistsMail(words, { insurer, loginUrl: url('/login'), resetUrl: url('/passwort-vergessen') }),
    nothingToConfirmMail: () => nothingToConfirmMail(words, { loginUrl: url('/login'), registerUrl: url('/registrierung') }),
    confirmLink: (token) => url(`/registrierung/bestaetigung?token=${token}`),
    statusLink: (token) => url(`/registrierung/status?token=${token}`),
  });
}
