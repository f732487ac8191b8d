/**
 * oidc-provider 9 prints "Unsupported runtime" on every Node.js before 22 LTS when it loads. Pforte runs
 * on Node.js 20.20, which has everything the provider uses (URL.parse, crypto.hash) and on which its whole
 * test suite passes; the notice would otherwise be the first line of every start and of every operator
 * command's error. Only that one notice is held back, only while the library loads (see oidc.ts).
 */
const NOTICE = 'oidc-provider WARNING: Unsupported runtime.';
const warn = console.warn;

console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith(NOTICE)) return;
  warn(...args);
};

export function restoreWarnings(): void {
  console.warn = warn;
}
