import type { TestSystem } from './system.ts';

/** How often each action is on record in the Protokoll so far. */
export async function auditCounts(t: TestSystem): Promise<(action: string) => number> {
  const actions = (await t.system.deps.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
  return (action) => actions.filter((a) => a === action).length;
}
