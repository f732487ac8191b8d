import { defineMessages } from '../../core/i18n/messages.ts';

export type PostingCode =
  | 'posting.invalid_kind'
  | 'posting.invalid_start'
  | 'posting.invalid_plz'
  | 'posting.unknown_plz'
  | 'posting.invalid_date'
  | 'posting.deadline_past'
  | 'posting.start_before_deadline'
  | 'posting.invalid_contact'
  | 'posting.link_not_https'
  | 'posting.not_released'
  | 'posting.no_deadline'
  | 'posting.deadline_passed';

export const { de: postingMessages, en: postingMessagesEn } = defineMessages<PostingCode>({
  de: {
    'posting.invalid_kind': 'Bitte wählen Sie eine Art aus der Liste: Ausbildung, Praktikum, Duales Studium oder Job.',
    'posting.invalid_start': 'Bitte geben Sie den Beginn als Datum (JJJJ-MM-TT) oder als Monat (JJJJ-MM) an, z. B. 2027-08-01 oder 2027-08.',
    'posting.invalid_plz': 'Bitte geben Sie eine fünfstellige Postleitzahl ein.',
    'posting.unknown_plz': 'Diese Postleitzahl kennen wir nicht. Bitte prüfen Sie sie.',
    'posting.invalid_date': 'Bitte geben Sie den Bewerbungsschluss als Datum an (JJJJ-MM-TT), z. B. 2027-03-31.',
    'posting.deadline_past': 'Der Bewerbungsschluss darf nicht in der Vergangenheit liegen.',
    'posting.start_before_deadline': 'Bei einer Ausbildung oder einem dualen Studium muss der Beginn nach dem Bewerbungsschluss liegen.',
    'posting.invalid_contact': 'Bitte wählen Sie einen Ansprechpartner aus der Liste.',
    'posting.link_not_https': 'Bitte geben Sie einen vollständigen Link an, der mit https:// beginnt.',
    'posting.not_released': 'Sie können Stellenangebote schon anlegen. Veröffentlichen können Sie sie erst, wenn Ihr Unternehmen freigeschaltet ist.',
    'posting.no_deadline': 'Bitte tragen Sie zuerst einen Bewerbungsschluss ein (Bearbeiten).',
    'posting.deadline_passed': 'Der Bewerbungsschluss ist vorbei. Bitte tragen Sie zuerst einen neuen ein (Bearbeiten).',
  },
  en: {
    'posting.invalid_kind': 'Please choose a type from the list: apprenticeship, internship, dual study programme or job.',
    'posting.invalid_start': 'Please give the start as a date (YYYY-MM-DD) or a month (YYYY-MM), e.g. 2027-08-01 or 2027-08.',
    'posting.invalid_plz': 'Please enter a five-digit postcode.',
    'posting.unknown_plz': 'We do not know this postcode. Please check it.',
    'posting.invalid_date': 'Please give the application deadline as a date (YYYY-MM-DD), e.g. 2027-03-31.',
    'posting.deadline_past': 'The application deadline must not be in the past.',
    'posting.start_before_deadline': 'For an apprenticeship or a dual study programme the start must be after the application deadline.',
    'posting.invalid_contact': 'Please choose a contact person from the list.',
    'posting.link_not_https': 'Please enter a complete link starting with https://.',
    'posting.not_released': 'You can already create job offers. You can publish them once your company has been released.',
    'posting.no_deadline': 'Please enter an application deadline first (Edit).',
    'posting.deadline_passed': 'The application deadline has passed. Please enter a new one first (Edit).',
  },
});
