import { defineNotices } from '../../core/http/notices.ts';

/**
 * The sentences the start screen "Anmelden" shows after a redirect: after "Abmelden", and after the
 * device was unlocked for the ePA (manual 003 §4.3 "Erneut einloggen": the local login and the Ident
 * app once more).
 */
export const startNotices = defineNotices(
  'epa-desktop/start',
  {
    abgemeldet: 'Sie wurden abgemeldet.',
    geraet_entfernt: 'Sie haben dieses Gerät aus Ihrer ePA entfernt und wurden abgemeldet. Um Ihre ePA hier wieder zu nutzen, melden Sie sich an und schalten das Gerät mit einem neuen Bestätigungscode aus Ihrer E-Mail frei.',
    freigeschaltet:
      'Erneut einloggen: Ihr Gerät wurde für Ihre elektronische Patientenakte (ePA) freigeschaltet. Bitte melden Sie sich jetzt mit Ihren Anmeldedaten für dieses Gerät an und anschließend erneut mit Ihrer „AOK Ident“-App.',
  },
  { germanOnly: true },
);
