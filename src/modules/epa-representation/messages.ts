import { defineMessages } from '../../core/i18n/messages.ts';

/**
 * What the record service answers about Vertretung für Angehörige (issue 15 §8): naming, confirming,
 * ending a representation, and a call for another person's record that is refused. The desktop client
 * shows these texts as they are.
 */
export type EpaRepresentationCode =
  | 'epa_representation.self'
  | 'epa_representation.limit'
  | 'epa_representation.duplicate'
  | 'epa_representation.not_found'
  | 'epa_representation.confirm_own'
  | 'epa_representation.already_confirmed'
  | 'epa_representation.not_active'
  | 'epa_representation.no_delegation';

export const { de: epaRepresentationMessages, en: epaRepresentationMessagesEn } = defineMessages<EpaRepresentationCode>({
  de: {
    'epa_representation.self': 'Sie können sich nicht selbst als Vertretung benennen.',
    'epa_representation.limit': 'Sie haben bereits fünf Vertretungen benannt. Bitte widerrufen Sie zuerst eine, bevor Sie eine weitere benennen.',
    'epa_representation.duplicate': 'Diese Versichertennummer haben Sie bereits als Vertretung benannt.',
    'epa_representation.not_found': 'Diese Vertretung gibt es nicht (mehr).',
    'epa_representation.confirm_own': 'Nur die benannte Person kann die Vertretung bestätigen, in ihrem eigenen ePA Desktop Client.',
    'epa_representation.already_confirmed': 'Diese Vertretung ist bereits bestätigt.',
    'epa_representation.not_active': 'Sie können nicht (mehr) für diese Person handeln: Die Vertretung ist nicht bestätigt, wurde beendet oder gilt nicht für Sie.',
    'epa_representation.no_delegation': 'Als Vertretung können Sie für die vertretene Person keine Vertretungen benennen, bestätigen oder beenden. Bitte wechseln Sie dazu zu Ihrer eigenen Akte.',
  },
  en: {
    'epa_representation.self': 'You cannot name yourself as your representative.',
    'epa_representation.limit': 'You have already named five representatives. Please revoke one before naming another.',
    'epa_representation.duplicate': 'You have already named this health insurance number as a representative.',
    'epa_representation.not_found': 'This representation does not exist (any more).',
    'epa_representation.confirm_own': 'Only the person named can confirm the representation, in their own ePA desktop client.',
    'epa_representation.already_confirmed': 'This representation is already confirmed.',
    'epa_representation.not_active': 'You cannot act (any more) for this person: the representation is not confirmed, has ended or is not yours.',
    'epa_representation.no_delegation': 'As a representative you cannot name, confirm or end representations for the person you represent. Please switch to your own record for that.',
  },
});
