import type { Module } from '../../core/module.ts';

/**
 * The AOK Ident OpenID Provider (issue 14): its routes are mounted by composition.ts at /ident; its
 * housekeeping deletes what expired (its QR login requests too) and rotates the signing keys when due.
 */
export const identProviderModule: Module = {
  name: 'ident-provider',
  async housekeeping(ctx) {
    await ctx.ident.sweep();
    await ctx.identLogin.sweep();
    const { added, removed } = await ctx.ident.keys.rotate();
    if (added || removed.length) await ctx.audit.record({ actor: 'system', action: 'ident.keys_rotated', data: { added, removed } });
  },
};
