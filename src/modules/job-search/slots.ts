import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Places where other modules add to the search's pages (the Merkliste's "Merken" button on a posting,
 * "Suchauftrag anlegen" under a search), so this module needs to know nothing about them. Each
 * addition returns HTML, or '' where it has nothing to show.
 */
export type PostingAction = (request: FastifyRequest, reply: FastifyReply, postingId: string) => Promise<string>;
export type SearchAction = (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>) => Promise<string>;

interface Slots {
  posting: PostingAction[];
  search: SearchAction[];
}

// per server and portal, so two servers in one process (tests) keep their own
const registry = new WeakMap<FastifyInstance, Map<string, Slots>>();

function slotsOf(app: FastifyInstance, portal: string): Slots {
  let byPortal = registry.get(app);
  if (!byPortal) registry.set(app, (byPortal = new Map()));
  let slots = byPortal.get(portal);
  if (!slots) byPortal.set(portal, (slots = { posting: [], search: [] }));
  return slots;
}

export function addPostingAction(app: FastifyInstance, portal: string, action: PostingAction): void {
  slotsOf(app, portal).posting.push(action);
}

export function addSearchAction(app: FastifyInstance, portal: string, action: SearchAction): void {
  slotsOf(app, portal).search.push(action);
}

export async function postingActions(app: FastifyInstance, portal: string, request: FastifyRequest, reply: FastifyReply, postingId: string): Promise<string> {
  const parts: string[] = [];
  for (const action of slotsOf(app, portal).posting) parts.push(await action(request, reply, postingId));
  return parts.join('');
}

export async function searchActions(app: FastifyInstance, portal: string, request: FastifyRequest, reply: FastifyReply, values: Record<string, string>): Promise<string> {
  const parts: string[] = [];
  for (const action of slotsOf(app, portal).search) parts.push(await action(request, reply, values));
  return parts.join('');
}
