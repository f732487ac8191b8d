import { AppError } from '../errors/app-error.ts';
import { also, guard, type Guard } from '../http/guards.ts';
import type { StaffShell } from '../module.ts';
import type { StaffMember } from './service.ts';

declare module '../http/guards.ts' {
  interface Guarded {
    /** the signed-in staff member, on back-office routes */
    staff: StaffMember;
  }
}

/** The preHandlers of the back office's pages. */
export interface StaffGuards {
  /** a signed-in staff member (else the staff login): `request.staff` */
  staff: Guard;
  /** an administrator among them; a clerk gets "not found", like for anything outside their scope */
  admin: Guard[];
}

export function staffGuards(shell: Pick<StaffShell, 'requireStaff'>): StaffGuards {
  const staff = guard('staff', shell.requireStaff);
  return {
    staff,
    admin: also(staff, async (request) => {
      if (request.staff.role !== 'admin') throw new AppError('request.not_found', 404);
      return true;
    }),
  };
}
