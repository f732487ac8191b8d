/**
 * Names for actors that are no row in the database (an AOK Ident client, `client:<id>`): the module
 * that knows them fills this at start, so core names them without importing the module.
 */
const labels = new Map<string, string>();

export const actorLabels = {
  set(ref: string, name: string): void {
    labels.set(ref, name);
  },
  get(ref: string): string | undefined {
    return labels.get(ref);
  },
};
