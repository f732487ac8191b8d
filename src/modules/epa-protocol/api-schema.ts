import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldErrors } from '../../core/errors/app-error.ts';
import { berlinDayEnd, berlinDayStart } from '../../core/clock/berlin.ts';
import { parseQuery, single } from '../../core/http/input.ts';
import type { EpaProtocolKind } from '../../core/db/epa-records-schema.ts';
import { PROTOCOL_KINDS, isProtocolKind } from './actions.ts';
import type { ProtocolRow } from './service.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar day of a query (`von`, `bis`: YYYY-MM-DD, Berlin). `von` is where the day begins, `bis`
 * where it ends (the whole day counts). A value that is no such day is recorded in `errors`.
 */
export function dayParam(value: string | undefined, edge: 'start' | 'end', field: string, errors: FieldErrors): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    errors[field] = 'epa_record.date_invalid';
    return undefined;
  }
  return edge === 'start' ? berlinDayStart(value) : berlinDayEnd(value);
}

/** A page number (1 …); anything else is a field error. */
export function pageParam(value: string | undefined, errors: FieldErrors): number {
  if (value === undefined || value === '') return 1;
  if (!/^[1-9][0-9]{0,5}$/.test(value)) {
    errors.page = 'field.invalid_choice';
    return 1;
  }
  return Number(value);
}

/** The refusal of a query with field errors: 400 with the codes at their parameters. */
export function refuseQuery(errors: FieldErrors): void {
  if (Object.keys(errors).length) throw new AppError('form.invalid', 400, errors);
}

export interface ProtocolQuery {
  from?: Date;
  to?: Date;
  kind?: EpaProtocolKind;
  page: number;
}

/** `GET /protokoll?von=&bis=&art=&page=`: every parameter checked; a wrong one is a 400 naming it. */
export function protocolQuery(request: FastifyRequest): ProtocolQuery {
  const q = parseQuery(request, single('von', 'bis', 'art', 'page'));
  const errors: FieldErrors = {};
  const from = dayParam(q.von, 'start', 'von', errors);
  const to = dayParam(q.bis, 'end', 'bis', errors);
  let kind: EpaProtocolKind | undefined;
  if (q.art) {
    if (isProtocolKind(q.art)) kind = q.art;
    else errors.art = 'field.invalid_choice';
  }
  const page = pageParam(q.page, errors);
  refuseQuery(errors);
  return { from, to, kind, page };
}

export const ProtocolEntrySchema = z
  .object({
    id: z.string(),
    at: z.iso.datetime().meta({ description: 'when (UTC)' }),
    kind: z.enum(PROTOCOL_KINDS.map((k) => k.kind) as [EpaProtocolKind, ...EpaProtocolKind[]]),
    action: z.string().meta({ description: 'the action code, e.g. document.opened' }),
    label: z.string().meta({ description: 'the action in the words the insured reads' }),
    actor: z.object({
      kind: z.enum(['insured', 'representative', 'staff', 'system']),
      name: z.string().nullable().meta({ description: "a representative's or the insurer's name; null for the person themself" }),
    }),
    onBehalfOf: z.string().nullable().meta({ description: "in a representative's own Protokoll: the person they acted for; else null" }),
    document: z.object({ id: z.string(), title: z.string().nullable() }).nullable(),
    device: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    result: z.enum(['success', 'denied', 'failed']),
  })
  .meta({ description: 'One entry of the Protokoll: who, when, which document, from which device, and the result.' });

export const ProtocolPageSchema = z
  .object({
    entries: z.array(ProtocolEntrySchema),
    total: z.number().int().meta({ description: 'entries matching the filter, on all pages' }),
    page: z.number().int(),
    pages: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ description: 'A page of the Protokoll (25 entries), newest first.' });

export type ProtocolEntryView = z.infer<typeof ProtocolEntrySchema>;
export type ProtocolPageView = z.infer<typeof ProtocolPageSchema>;

/** An entry as the API shows it. */
export function protocolEntryView(row: ProtocolRow, label: string): ProtocolEntryView {
  return {
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    kind: row.kind,
    action: row.action,
    label,
    actor: { kind: row.actor_kind as ProtocolEntryView['actor']['kind'], name: row.actor_name },
    onBehalfOf: row.on_behalf_of_name,
    document: row.document_id ? { id: row.document_id, title: row.document_title } : null,
    device: row.device_id ? { id: row.device_id, name: row.device_name } : null,
    result: row.result,
  };
}
