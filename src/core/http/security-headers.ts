import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

export interface SecurityHeaderOptions {
  /** served over TLS: HSTS and upgrade-insecure-requests (never on plain http, where HSTS would lock the browser out) */
  secure: boolean;
  /** origins besides our own that a form may post or redirect to (the desktop client's ePA login ends at the Ident provider) */
  formTargets?: string[];
  /**
   * no-referrer for the platform; same-origin for the desktop client, where no-referrer makes Chromium
   * send "Origin: null" on our own forms and the origin check would refuse them
   */
  referrerPolicy?: 'no-referrer' | 'same-origin';
}

/**
 * The headers every product serves (helmet): a strict CSP without inline script or style, no framing by
 * others, no plugins, no <base>. One place, so the platform and the desktop client cannot drift apart.
 */
export async function securityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'", ...(options.formTargets ?? [])],
        frameAncestors: ["'none'"],
        frameSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        ...(options.secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: options.secure ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: options.referrerPolicy ?? 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
}
