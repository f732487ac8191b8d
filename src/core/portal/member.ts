/** A signed-in person of a company: its administrator or a user the administrator set up. */
export interface PortalMember {
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  /** the company's key (accounts.company): a provider's IK of its first registration */
  company: string;
  role: 'admin' | 'user';
  /** administrators always; users when an administrator gave them the right */
  adviceAccess: boolean;
}

/** What a page asks of the member beyond being signed in. */
export type MemberNeed = 'admin' | 'advices';
