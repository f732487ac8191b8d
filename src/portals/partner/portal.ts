import type { Config } from '../../config.ts';
import type { PortalDefinition, PortalServices } from '../../core/portal/definition.ts';
import { checkIk } from '../../core/identifiers/checks.ts';
import { portalMails } from '../../modules/registration/mails.ts';
import { recordActivatedProviderAdmin } from '../../modules/provider-iks/service.ts';
import { renderProviderCertificate, providerCertificateFileName } from './certificate.ts';
import { BASE, PORTAL } from './context.ts';
import { partnerChrome } from './chrome.ts';
import { partnerWords } from './words.ts';
import { partnerConsents } from './consents.ts';
import { providerCompanyFields } from './company-fields.tsx';
import { ikDecisionMail, partnerActivationMail } from './mails.ts';
import { providerPostboxAddressee } from './postbox.ts';
import { partnerMemberGuard } from './member.tsx';
import { partnerPages } from './routes.tsx';

/** Mein AOK Gesundheitspartnerservice (manual 002): the shared modules with the provider's words, IK and certificate, plus IK-Verwaltung and eAvis. */
export function partnerPortal(config: Config, deps: PortalServices): PortalDefinition {
  const chrome = partnerChrome(config);
  const url = (path: string) => `${config.publicUrl}${BASE}${path}`;
  const words = partnerWords(config.INSURER_BRAND);
  const identifierLabel = 'IK-Nummer';
  async function lookup(ik: string) {
    const entry = await deps.ikRegister.lookup(ik);
    return entry ? { name: entry.name, address: [entry.street, `${entry.postalCode} ${entry.city}`.trim()].filter(Boolean).join(', ') } : null;
  }
  return {
    key: PORTAL,
    base: BASE,
    name: chrome.name,
    bannerLabel: 'Gesundheitspartner',
    chrome,
    words,
    wizardTitle: chrome.registration!.title,
    identifier: { label: identifierLabel, check: checkIk, lookup },
    company: providerCompanyFields(deps.db, deps.ikRegister),
    consents: partnerConsents(config.INSURER_BRAND),
    users: { adminRights: true, adviceRight: true },
    async certificate(registration, date) {
      const entry = await lookup(registration.identifier);
      return renderProviderCertificate({
        insurer: registration.insurer,
        ik: registration.identifier,
        institutionName: entry?.name ?? null,
        institutionAddress: entry?.address ?? null,
        admin: registration.account,
        date,
        portalName: chrome.name,
      });
    },
    certificateFileName: providerCertificateFileName,
    furtherCertificate: ({ insurer, identifier, institution, admin, date }) =>
      renderProviderCertificate({ insurer, ik: identifier, institutionName: institution.name, institutionAddress: institution.address, admin, date, portalName: chrome.name, purpose: 'further_ik' }),
    mails: {
      ...portalMails(words, { url, identifierLabel, activation: () => partnerActivationMail({ brand: config.INSURER_BRAND, homeUrl: url('/') }) }),
      ikDecision: (input) => ikDecisionMail({ ...input, brand: config.INSURER_BRAND, url: url('/ik-verwaltung') }),
    },
    postboxAddressee: providerPostboxAddressee(deps.db),
    onActivated: (trx, input) => recordActivatedProviderAdmin(trx, deps.clock.now(), { accountId: input.accountId, ik: input.identifier, insurerId: input.insurerId, staffId: input.staffId }),
    url,
    pages: partnerPages,
    // the order in which their pages are mounted
    modules: ['app-install', 'registration', 'login', 'password-reset', 'users', 'postbox', 'provider-iks', 'eavis'],
    memberGuard: (services, requireAccount) => partnerMemberGuard(services, chrome, requireAccount),
  };
}
