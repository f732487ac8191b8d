import { defineMessages } from '../../core/i18n/messages.ts';

export type AccountCode =
  | 'account.current_password_wrong'
  | 'account.email_unchanged'
  | 'account.email_change_unusable'
  | 'account.delete_confirm_required'
  | 'account.contact_required'
  | 'account.answer_locked'
  | 'account.handover_unusable';

export const { de: accountMessages, en: accountMessagesEn } = defineMessages<AccountCode>({
  de: {
    'account.current_password_wrong': 'Das aktuelle Passwort ist nicht korrekt.',
    'account.email_unchanged': 'Das ist bereits die E-Mail-Adresse Ihres Kontos.',
    'account.email_change_unusable': 'Dieser Link kann nicht verwendet werden. Ihre E-Mail-Adresse bleibt unverändert. Bitte wählen Sie in Ihrem Konto eine andere E-Mail-Adresse.',
    'account.delete_confirm_required': 'Bitte bestätigen Sie, dass Sie Ihr Profil und alle Stellenanzeigen endgültig löschen möchten.',
    'account.contact_required': 'Bitte wählen Sie einen Ansprechpartner aus oder geben Sie eine neue Person ein.',
    'account.answer_locked': 'Die Kennwortfrage wurde zu oft falsch beantwortet. Bitte versuchen Sie es später erneut.',
    'account.handover_unusable': 'Dieser Link kann nicht verwendet werden: Zu dieser E-Mail-Adresse besteht bereits ein anderes Konto im Jobmaster. Bitte wenden Sie sich an den bisherigen Hauptansprechpartner.',
  },
  en: {
    'account.current_password_wrong': 'The current password is not correct.',
    'account.email_unchanged': 'This already is the e-mail address of your account.',
    'account.email_change_unusable': 'This link cannot be used. Your e-mail address stays unchanged. Please choose another e-mail address in your account.',
    'account.delete_confirm_required': 'Please confirm that you want to delete your profile and all job offers for good.',
    'account.contact_required': 'Please choose a contact person or enter a new person.',
    'account.answer_locked': 'The security question was answered wrongly too often. Please try again later.',
    'account.handover_unusable': 'This link cannot be used: another Jobmaster account already exists for this e-mail address. Please contact the previous main contact.',
  },
});
