// The provider's runtime values come from here, so runtime-notice.ts is evaluated before the library and
// the console is given back right after it (ES modules evaluate their imports in this order).
import { restoreWarnings } from './runtime-notice.ts';
import { Provider, errors, interactionPolicy } from 'oidc-provider';

restoreWarnings();

export { Provider, errors, interactionPolicy };
