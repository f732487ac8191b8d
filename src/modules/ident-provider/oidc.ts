// The provider's runtime values come from here, so runtime-notice.ts is evaluated before the library and
// the console is given back right after it. The library is imported dynamically: a static import would be
// hoisted by the bundle of `npm start` (dist/main.js) above every module of ours, notice filter included.
import { restoreWarnings } from './runtime-notice.ts';

const library = await import('oidc-provider');
restoreWarnings();

export const { Provider, errors, interactionPolicy } = library;
export type Provider = InstanceType<typeof Provider>;
