import type { Db } from '../../core/db/database.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import { checkIk } from '../../core/identifiers/checks.ts';

/**
 * A letter to a provider is addressed by an IK it manages (IK-Verwaltung), the first or a further
 * one: it lands in the postbox of the provider that manages the IK now. An IK nobody manages
 * reaches nobody, even when it was a provider's first one.
 */
export function providerPostboxAddressee(db: Db): NonNullable<PortalDefinition['postboxAddressee']> {
  return async (identifier) => {
    const ik = checkIk(identifier);
    if (!ik.ok) return ik;
    const managed = await db.selectFrom('provider_iks').select('company').where('ik', '=', ik.value).where('status', '=', 'active').executeTakeFirst();
    return managed ? { ok: true, company: managed.company } : { ok: false, code: 'postbox.no_company' };
  };
}
