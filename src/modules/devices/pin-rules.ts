/**
 * Manual 000 step 12: "Die PIN muss sechs Stellen beinhalten: Erlaubt sind nur Zahlen,
 * wobei mindestens drei verschiedene Zahlen zu verwenden sind und keine auf- oder
 * absteigende Zahlenreihe gestattet ist." Shared by the app, the CLI and the server.
 */
export type PinCode = 'pin.format' | 'pin.too_few_digits' | 'pin.sequence';

export function checkPin(pin: string): { ok: true } | { ok: false; code: PinCode } {
  if (!/^[0-9]{6}$/.test(pin)) return { ok: false, code: 'pin.format' };
  if (new Set(pin).size < 3) return { ok: false, code: 'pin.too_few_digits' };
  const steps = [...pin].slice(1).map((d, i) => Number(d) - Number(pin[i]));
  if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return { ok: false, code: 'pin.sequence' };
  return { ok: true };
}

export const pinMessages: Record<PinCode, string> = {
  'pin.format': 'Die PIN muss aus genau sechs Ziffern bestehen.',
  'pin.too_few_digits': 'Die PIN muss mindestens drei verschiedene Ziffern enthalten.',
  'pin.sequence': 'Eine auf- oder absteigende Zahlenreihe (z. B. 123456) ist als PIN nicht erlaubt.',
};

export const pinMessagesEn: Record<PinCode, string> = {
  'pin.format': 'The PIN must consist of exactly six digits.',
  'pin.too_few_digits': 'The PIN must contain at least three different digits.',
  'pin.sequence': 'An ascending or descending run of digits (e.g. 123456) is not allowed as a PIN.',
};
