/** Demo configuration: the eleven AOKs, so that the product reads like the manuals. */
export interface Insurer {
  id: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
}

export const demoInsurers: Insurer[] = [
  { id: 'bw', name: 'AOK Baden-Württemberg', street: 'Presselstraße 19', postalCode: '70191', city: 'Stuttgart' },
  { id: 'by', name: 'AOK Bayern', street: 'Carl-Wery-Straße 28', postalCode: '81739', city: 'München' },
  { id: 'hb', name: 'AOK Bremen/Bremerhaven', street: 'Bürgermeister-Smidt-Straße 95', postalCode: '28195', city: 'Bremen' },
  { id: 'he', name: 'AOK Hessen', street: 'Basler Straße 2', postalCode: '61352', city: 'Bad Homburg v. d. Höhe' },
  { id: 'ni', name: 'AOK Niedersachsen', street: 'Hildesheimer Straße 273', postalCode: '30519', city: 'Hannover' },
  { id: 'no', name: 'AOK Nordost', street: 'Brandenburger Straße 72', postalCode: '14467', city: 'Potsdam' },
  { id: 'nw', name: 'AOK NordWest', street: 'Kopenhagener Straße 1', postalCode: '44269', city: 'Dortmund' },
  { id: 'plus', name: 'AOK PLUS', street: 'Sternplatz 7', postalCode: '01067', city: 'Dresden' },
  { id: 'rh', name: 'AOK Rheinland/Hamburg', street: 'Kasernenstraße 61', postalCode: '40213', city: 'Düsseldorf' },
  { id: 'rps', name: 'AOK Rheinland-Pfalz/Saarland', street: 'Virchowstraße 30', postalCode: '67304', city: 'Eisenberg (Pfalz)' },
  { id: 'st', name: 'AOK Sachsen-Anhalt', street: 'Lüneburger Straße 4', postalCode: '39106', city: 'Magdeburg' },
];
