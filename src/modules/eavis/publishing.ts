import type { StaffMember } from '../../core/staff/service.ts';
import type { AdviceSource } from '../../core/db/values.ts';
import { newId } from '../../core/ids/secrets.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import { checkAdvice, type Advice } from './model.ts';
import { announcementMail } from './mails.ts';
import { EavisBatchError, type BatchProblem } from './errors.ts';
import type { EavisContext } from './service.ts';

/** Staff publishing a batch of advices, all or nothing, and the mails announcing them. */
export function advicePublishing(ctx: EavisContext) {
  const { db, clock, audit, mailer, portal, mailContext, recipients } = ctx;

  return {
    // ------------------------------------------------------------ publishing (staff)

    /**
     * Publishes a batch of advices, all or nothing. Refused (EavisBatchError, nothing stored)
     * when any advice breaks a rule of the model, its IK is not a live provider IK with an
     * active eAvis (eavis.not_active), a clerk's IK belongs to another insurer, or its number
     * exists for the IK already or twice in the batch. Then one mail per recipient, no content.
     */
    async publish(staff: StaffMember, inputs: unknown[], source: AdviceSource, ip: string | null = null): Promise<{ ids: string[]; mails: number }> {
      const actor = `staff:${staff.id}`;
      const problems: BatchProblem[] = [];
      const advices: Advice[] = [];
      if (inputs.length === 0) throw new EavisBatchError([{ index: 0, field: 'advice', code: 'eavis.file_empty' }]);
      inputs.forEach((input, index) => {
        const r = checkAdvice(input);
        if (r.ok) advices[index] = r.advice;
        else for (const p of r.problems) problems.push({ index, ...p });
      });
      const seen = new Map<string, number>();
      advices.forEach((a, index) => {
        if (!a) return;
        const key = `${a.ik}|${a.adviceNumber}`;
        if (seen.has(key)) problems.push({ index, field: 'adviceNumber', code: 'eavis.duplicate' });
        else seen.set(key, index);
      });
      const refuse = async (list: BatchProblem[]) => {
        await audit.record({ actor, action: 'eavis.publish_refused', ip, outcome: 'failure', data: { source, advices: inputs.length, problems: list.length, codes: [...new Set(list.map((p) => p.code))] } });
        return new EavisBatchError(list.sort((a, b) => a.index - b.index));
      };
      if (problems.length) throw await refuse(problems);

      const ids: string[] = [];
      const mailIds: string[] = [];
      try {
        await db.transaction().execute(async (trx) => {
          const iks = [...new Set(advices.map((a) => a.ik))];
          const live = await trx.selectFrom('provider_iks').selectAll().where('ik', 'in', iks).where('status', '=', 'active').forUpdate().execute();
          const byIk = new Map(live.map((r) => [r.ik, r]));
          const existing = await trx.selectFrom('payment_advices').select(['ik', 'advice_number']).where('ik', 'in', iks).where('advice_number', 'in', advices.map((a) => a.adviceNumber)).execute();
          const taken = new Set(existing.map((e) => `${e.ik}|${e.advice_number}`));
          advices.forEach((a, index) => {
            const row = byIk.get(a.ik);
            if (!row || row.eavis !== 'active') problems.push({ index, field: 'ik', code: 'eavis.not_active' });
            else if (staff.role !== 'admin' && row.insurer_id !== staff.insurerId) problems.push({ index, field: 'ik', code: 'eavis.other_insurer' });
            if (taken.has(`${a.ik}|${a.adviceNumber}`)) problems.push({ index, field: 'adviceNumber', code: 'eavis.duplicate' });
          });
          if (problems.length) throw new EavisBatchError(problems);

          const now = clock.now();
          const perCompany = new Map<string, { insurerId: string; count: number }>();
          for (const a of advices) {
            const row = byIk.get(a.ik)!;
            const id = newId();
            ids.push(id);
            await trx
              .insertInto('payment_advices')
              .values({
                id,
                ik: a.ik,
                insurer_id: row.insurer_id,
                advice_number: a.adviceNumber,
                advice_date: a.adviceDate,
                value_date: a.valueDate,
                payer: a.payer,
                iban_masked: a.ibanMasked,
                total_cents: a.totalCents,
                source,
                published_at: now,
                published_by: staff.id,
              })
              .execute();
            // in chunks: a query has at most 65535 parameters
            for (let i = 0; i < a.items.length; i += 500) {
              await trx
                .insertInto('payment_advice_items')
                .values(
                  a.items.slice(i, i + 500).map((item) => ({
                    advice_id: id,
                    position: item.position,
                    invoice_number: item.invoiceNumber,
                    invoice_date: item.invoiceDate,
                    invoiced_cents: item.invoicedCents,
                    paid_cents: item.paidCents,
                    deduction_cents: item.deductionCents,
                    deduction_reason: item.deductionReason,
                    reference: item.reference,
                  })),
                )
                .execute();
            }
            await audit.record({ actor, action: 'eavis.published', subject: id, ip, data: { ik: a.ik, company: row.company, source, items: a.items.length } }, trx);
            const c = perCompany.get(row.company);
            if (c) c.count += 1;
            else perCompany.set(row.company, { insurerId: row.insurer_id, count: 1 });
          }
          const sent = new Set<string>();
          for (const [company, { insurerId, count }] of perCompany) {
            const mail = announcementMail({ ...mailContext(insurerId), link: portal().url('/zahlungsavise'), several: count > 1 });
            for (const to of await recipients(trx, company, true)) {
              if (sent.has(to.toLowerCase())) continue;
              sent.add(to.toLowerCase());
              mailIds.push(await mailer.store(to, mail, trx));
            }
          }
        });
      } catch (error) {
        if (error instanceof EavisBatchError) throw await refuse(error.problems);
        // two publications of the same number at once: the unique index decides
        if (isUniqueViolation(error)) throw await refuse(advices.map((_, index) => ({ index, field: 'adviceNumber', code: 'eavis.duplicate' })));
        throw error;
      }
      return { ids, mails: mailIds.length };
    },
  };
}
