import { defineMessages } from '../../core/i18n/messages.ts';

export type SearchCode =
  | 'search.text_too_long'
  | 'search.place_too_long'
  | 'search.unknown_place'
  | 'search.invalid_radius'
  | 'search.invalid_kind'
  | 'search.invalid_month'
  | 'search.invalid_sort'
  | 'search.repeated';

export const { de: searchMessages, en: searchMessagesEn } = defineMessages<SearchCode>({
  de: {
    'search.text_too_long': 'Der Suchbegriff ist zu lang: höchstens 200 Zeichen.',
    'search.place_too_long': 'Der Ort ist zu lang: höchstens 100 Zeichen.',
    'search.unknown_place': 'Diesen Ort oder diese Postleitzahl kennen wir nicht. Bitte prüfen Sie die Schreibweise oder geben Sie eine fünfstellige PLZ ein.',
    'search.invalid_radius': 'Bitte wählen Sie einen Umkreis aus der Liste: 10, 25, 50, 100 oder 200 km oder bundesweit.',
    'search.invalid_kind': 'Bitte wählen Sie eine Art aus der Liste.',
    'search.invalid_month': 'Bitte geben Sie den Beginn als Monat an (JJJJ-MM), z. B. 2027-08.',
    'search.invalid_sort': 'Bitte sortieren Sie nach Relevanz oder Datum.',
    'search.repeated': 'Dieses Feld wurde mehrfach angegeben. Bitte geben Sie es nur einmal an.',
  },
  en: {
    'search.text_too_long': 'The search term is too long: at most 200 characters.',
    'search.place_too_long': 'The place is too long: at most 100 characters.',
    'search.unknown_place': 'We do not know this place or postcode. Please check the spelling or enter a five-digit postcode.',
    'search.invalid_radius': 'Please choose a radius from the list: 10, 25, 50, 100 or 200 km or nationwide.',
    'search.invalid_kind': 'Please choose a type from the list.',
    'search.invalid_month': 'Please give the start as a month (YYYY-MM), e.g. 2027-08.',
    'search.invalid_sort': 'Please sort by relevance or date.',
    'search.repeated': 'This field was given more than once. Please give it only once.',
  },
});
