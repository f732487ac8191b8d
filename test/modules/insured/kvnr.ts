/** The check digit of a KVNR's first nine characters (IDENTIFIERS.md). */
function checkDigit(body: string): number {
  const n = `${String(body.charCodeAt(0) - 64).padStart(2, '0')}${body.slice(1)}`;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const p = Number(n[i]) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(p / 10) + (p % 10);
  }
  return sum % 10;
}

let serial = 0;

/** A valid KVNR not handed out before in this process: the letter, eight digits counting up, the check digit. */
export function freshKvnr(letter = 'K'): string {
  serial += 1;
  const body = `${letter}${String(40_000_000 + serial).padStart(8, '0')}`;
  return `${body}${checkDigit(body)}`;
}

/** A postal address for the persons the tests make (staff must give one). */
export const ADDRESS = { street: 'Heidestraße 17', postalCode: '51147', city: 'Köln' } as const;
