import Html from '@kitajs/html';
import QRCode from 'qrcode';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../../core/deps.ts';
import type { PortalChrome } from '../../../core/ui/layout.tsx';
import type { StaffMember } from '../../../core/staff/service.ts';
import { isId } from '../../../core/ids/secrets.ts';
import { AppError, type FieldErrors } from '../../../core/errors/app-error.ts';
import { input, parseForm } from '../../../core/http/input.ts';
import { seeOther, sendHtml } from '../../../core/http/render.ts';
import { BO } from '../../../core/staff/shell.tsx';
import type { StaffNavItem } from '../../../core/module.ts';
import { StaffAdminPage, type NewStaffValues } from './pages.tsx';
import { guard } from '../../../core/http/guards.ts';
import { defineNotices } from '../../../core/http/notices.ts';

/** "Mitarbeitende" in the back office's bar, for administrators. */
export const staffAdminNav: readonly StaffNavItem[] = [{ href: `${BO}/mitarbeitende`, label: 'Mitarbeitende', adminOnly: true, order: 90 }];

/** Staff management for administrators. */
/** After locking or unlocking a staff account. */
const staffNotices = defineNotices('staff.admin', {
  gesperrt: 'Der Zugang ist gesperrt; seine Sitzungen wurden beendet.',
  entsperrt: 'Der Zugang ist entsperrt.',
}, { germanOnly: true });

export async function staffAdminRoutes(
  app: FastifyInstance,
  deps: PlatformDeps,
  chrome: PortalChrome,
  requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<StaffMember | null>,
) {
  const { staff, sessions } = deps;
  const pre = { admin: guard('staff', requireAdmin) };
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const page = async (request: FastifyRequest, reply: FastifyReply, member: StaffMember, extra: Partial<Parameters<typeof StaffAdminPage>[0]> = {}, status = 200) =>
    sendHtml(reply, <StaffAdminPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} members={await staff.list()} {...extra} />, status);

  app.get(`${BO}/mitarbeitende`, { preHandler: pre.admin }, async (request, reply) => {
    const member = request.staff;
    return page(request, reply, member, { notice: staffNotices.read(request) });
  });

  app.post(`${BO}/mitarbeitende`, { preHandler: pre.admin }, async (request, reply) => {
    const member = request.staff;
    const form = parseForm(request, { email: input.email, name: input.text({ max: 100 }) });
    const body = form.body;
    const values: NewStaffValues = { email: (body.email ?? '').slice(0, 254), name: (body.name ?? '').slice(0, 100), role: body.role, insurerId: body.insurerId };
    const errors = { ...form.errors } as FieldErrors;
    if (body.role !== 'admin' && body.role !== 'clerk') errors.role = 'field.invalid_choice';
    if (body.role === 'clerk' && !deps.insurers.some((i) => i.id === body.insurerId)) errors.insurerId = 'staff.insurer_required';
    if (Object.keys(errors).length === 0 && form.ok) {
      const { email, name } = form.values;
      try {
        const created = await staff.add(
          { email, name, password: body.password ?? '', role: body.role!, insurerId: body.role === 'clerk' ? body.insurerId : null },
          `staff:${member.id}`,
        );
        const qr = await QRCode.toDataURL(created.uri, { margin: 1, width: 200 });
        return page(request, reply, member, { created: { email, secret: created.secret, uri: created.uri, qr } }, 201);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        errors[error.code.startsWith('password.') ? 'password' : 'email'] = error.code;
      }
    }
    return page(request, reply, member, { values, errors }, 422);
  });

  for (const [path, locked] of [['sperren', true], ['entsperren', false]] as const) {
    app.post(`${BO}/mitarbeitende/:id/${path}`, { preHandler: pre.admin }, async (request, reply) => {
      const member = request.staff;
      const id = (request.params as { id: string }).id;
      if (!isId(id)) throw new AppError('request.not_found', 404);
      await staff.setLocked(id, locked, `staff:${member.id}`, request.ip);
      return seeOther(reply, staffNotices.after(`${BO}/mitarbeitende`, locked ? 'gesperrt' : 'entsperrt'));
    });
  }
}
