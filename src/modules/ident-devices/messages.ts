import { defineMessages } from '../../core/i18n/messages.ts';
import type { PinCode } from '../devices/pin-rules.ts';

/**
 * Texts of the AOK Ident app's devices: the GesundheitsID-Code (the PIN rule of manual 000 step 12,
 * in the words of manual 003), the wrong code and the lock, two devices at most, a device that is gone.
 * The app's scripts read them too (nothing here imports at run time).
 */
export type IdentAppCode =
  | 'ident_app.code_format'
  | 'ident_app.code_too_few_digits'
  | 'ident_app.code_sequence'
  | 'ident_app.code_wrong'
  | 'ident_app.device_locked'
  | 'ident_app.device_limit'
  | 'ident_app.device_not_found';

/** The PIN rule's codes as the GesundheitsID-Code's. */
export const CODE_RULE: Record<PinCode, IdentAppCode> = {
  'pin.format': 'ident_app.code_format',
  'pin.too_few_digits': 'ident_app.code_too_few_digits',
  'pin.sequence': 'ident_app.code_sequence',
};

export const { de: identAppMessages, en: identAppMessagesEn } = defineMessages<IdentAppCode>({
  de: {
    'ident_app.code_format': 'Der GesundheitsID-Code muss aus genau sechs Ziffern bestehen.',
    'ident_app.code_too_few_digits': 'Der GesundheitsID-Code muss mindestens drei verschiedene Ziffern enthalten.',
    'ident_app.code_sequence': 'Eine auf- oder absteigende Zahlenreihe (z. B. 123456) ist als GesundheitsID-Code nicht erlaubt.',
    'ident_app.code_wrong': 'Der GesundheitsID-Code ist falsch.',
    'ident_app.device_locked':
      'Dieses Gerät ist nach fünf falschen Eingaben des GesundheitsID-Codes gesperrt. Ihre AOK sendet Ihnen einen neuen Aktivierungsbrief, mit dem Sie die App neu aktivieren.',
    'ident_app.device_limit':
      'Für Ihre Versichertennummer sind bereits zwei Geräte aktiviert. Bitte entfernen Sie zuerst eines unter „Geräte“ in der AOK Ident-App auf einem Ihrer Geräte oder lassen Sie es von Ihrer AOK entfernen. Ihr Aktivierungscode bleibt bis dahin gültig.',
    'ident_app.device_not_found': 'Dieses Gerät ist nicht (mehr) für Sie aktiviert.',
  },
  en: {
    'ident_app.code_format': 'The GesundheitsID-Code must consist of exactly six digits.',
    'ident_app.code_too_few_digits': 'The GesundheitsID-Code must contain at least three different digits.',
    'ident_app.code_sequence': 'An ascending or descending run of digits (e.g. 123456) is not allowed as a GesundheitsID-Code.',
    'ident_app.code_wrong': 'The GesundheitsID-Code is wrong.',
    'ident_app.device_locked':
      'This device is locked after five wrong entries of the GesundheitsID-Code. Your AOK will send you a new activation letter, with which you activate the app again.',
    'ident_app.device_limit':
      'Two devices are already activated for your health insurance number. Please first remove one under "Geräte" in the AOK Ident app on one of your devices, or have your AOK remove it. Your activation code stays valid until then.',
    'ident_app.device_not_found': 'This device is not (or no longer) activated for you.',
  },
});
