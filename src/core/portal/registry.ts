import type { PortalDefinition } from './definition.ts';

/**
 * Every portal's definition, by key, complete before any route, job or command runs. Whoever acts
 * on a row of a portal (the back office, the jobs, the CLI) asks here for that portal instead of
 * naming it; whoever acts for a module asks which portals use it.
 */
export class PortalRegistry {
  #byKey: ReadonlyMap<string, PortalDefinition> | null = null;

  /**
   * Called once by the composition: the services a definition needs exist before it, and the
   * services that read definitions (mails from jobs) only read them after this.
   */
  define(definitions: readonly PortalDefinition[]): void {
    if (this.#byKey) throw new Error('the portals are already defined');
    const byKey = new Map<string, PortalDefinition>();
    for (const d of definitions) {
      if (byKey.has(d.key)) throw new Error(`portal ${d.key} is defined twice`);
      byKey.set(d.key, d);
    }
    this.#byKey = byKey;
  }

  #map(): ReadonlyMap<string, PortalDefinition> {
    if (!this.#byKey) throw new Error('the portals are not defined yet');
    return this.#byKey;
  }

  /** The portal of a stored row; a key no portal has is a programming error. */
  get(key: string): PortalDefinition {
    const found = this.#map().get(key);
    if (!found) throw new Error(`no portal ${key}`);
    return found;
  }

  find(key: string): PortalDefinition | undefined {
    return this.#map().get(key);
  }

  all(): PortalDefinition[] {
    return [...this.#map().values()];
  }

  /** The portals that show a module's pages, in the order they were defined. */
  using(module: string): PortalDefinition[] {
    return this.all().filter((p) => p.modules.includes(module));
  }

  /**
   * The one portal that uses a module whose rows carry no portal (provider IKs, payment advices):
   * a second portal with such a module needs the portal in those rows first.
   */
  only(module: string): PortalDefinition {
    const found = this.using(module);
    if (found.length !== 1) throw new Error(`module ${module} is used by ${found.length} portals; its rows name no portal`);
    return found[0]!;
  }
}
