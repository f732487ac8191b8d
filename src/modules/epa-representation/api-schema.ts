import { z } from 'zod';

/**
 * The answers of the `/vertretungen` routes as zod schemas: the service's view types are inferred from
 * them, and the OpenAPI document (epa-records/openapi.ts) is generated from them.
 */
const status = z.enum(['invited', 'confirmed']).meta({ description: 'invited: named, not yet confirmed (not in effect); confirmed: in effect' });

export const GrantedRepresentationSchema = z
  .object({
    id: z.string(),
    kvnr: z.string(),
    email: z.string(),
    status,
    since: z.iso.datetime().meta({ description: 'when it was named' }),
    confirmedAt: z.iso.datetime().nullable(),
    name: z.string().nullable().meta({ description: "the representative's name once they confirmed; before, nothing tells whether such a person exists" }),
  })
  .meta({ description: 'A representative the caller named.' });

export const ReceivedRepresentationSchema = z
  .object({
    id: z.string().meta({ description: 'the value of Pforte-Vertretung to act for this person, once confirmed' }),
    from: z.object({ name: z.string() }),
    status,
    since: z.iso.datetime(),
    confirmedAt: z.iso.datetime().nullable(),
  })
  .meta({ description: 'A person who named the caller: an invitation to confirm, or a person the caller represents.' });

export const RepresentationListSchema = z
  .object({ granted: z.array(GrantedRepresentationSchema), received: z.array(ReceivedRepresentationSchema) })
  .meta({ description: 'The open representations, oldest first: whom the caller named, and who named them.' });

export const RepresentationInvitedSchema = z
  .object({ message: z.string().meta({ description: 'the same text whether or not KVNR and e-mail belong to someone' }), representation: GrantedRepresentationSchema })
  .meta({ description: 'A representative named: the same answer whether or not such a person is registered.' });

export const ActingSchema = z
  .object({ representation: z.object({ id: z.string(), for: z.object({ name: z.string() }) }).nullable() })
  .meta({ description: 'Whose record calls with this Pforte-Vertretung act on ("Sie handeln für …"); null without the header.' });

export type GrantedView = z.infer<typeof GrantedRepresentationSchema>;
export type ReceivedView = z.infer<typeof ReceivedRepresentationSchema>;
