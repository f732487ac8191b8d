import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';
import { errors } from './oidc.ts';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { claimInteraction } from './adapter.ts';
import { ACR_VALUES, providerSecondsUntil } from './provider-config.ts';
import { EPA_SCOPE, KVNR_SCOPE } from './clients.ts';
import type { IdentAccounts } from './accounts.ts';
import type { LoginRequestView } from './pages.tsx';

/** How the person logged in, as the approving side says: the ID token's `acr` and `amr`. */
export interface LoginAuthentication {
  acr: (typeof ACR_VALUES)[number];
  amr: readonly string[];
}

const AMR = /^[a-z0-9_-]{1,32}$/;
const OIDC_SCOPES = new Set(['openid', KVNR_SCOPE]);

function listOf(value: unknown): string[] {
  return [value].flat().filter((v): v is string => typeof v === 'string' && v !== '');
}

/**
 * The end of a login request: approved for an insured person (by the Ident app, through the
 * approval service that calls `completeLogin`), or declined. Each request is answered once; the
 * browser that started it then follows its `returnTo` to the client, which only it can (the
 * provider's resume cookie binds the request to that browser).
 */
/** Where an answer came from, for the audit log. */
export interface AnswerContext {
  /** who answered: `insured:<id>` from the app; the browser of the login page is `anonymous` */
  actor?: string;
  ip?: string | null;
}

export function createLogins(deps: { db: Db; clock: Clock; audit: Audit; accounts: IdentAccounts; epaAudience: () => string; provider: () => Promise<Provider> }) {
  const { db, clock, audit, accounts } = deps;

  async function openLogin(provider: Provider, uid: string) {
    const interaction = uid.length <= 100 ? await provider.Interaction.find(uid) : undefined;
    if (!interaction || interaction.prompt.name !== 'login') throw new AppError('ident.login_expired', 410);
    if (interaction.result) throw new AppError('ident.login_answered', 409);
    const client = await provider.Client.find(String(interaction.params.client_id));
    if (!client) throw new AppError('ident.login_expired', 410);
    return { interaction, client };
  }

  async function answer(uid: string) {
    if (!(await claimInteraction(db, clock, uid))) throw new AppError('ident.login_answered', 409);
  }

  return {
    /**
     * Approves the login request `uid` for the insured person `insuredId`: the grant covers what the
     * client asked for (its scopes and the record's audience), and the browser's next step reaches
     * the client with a code. Throws `ident.login_expired`, `ident.login_answered` or
     * `ident.account_unavailable` (locked, or not registered for the ePA).
     */
    async completeLogin(uid: string, insuredId: string, auth: LoginAuthentication, context: AnswerContext = {}): Promise<{ returnTo: string }> {
      if (!ACR_VALUES.includes(auth.acr) || auth.amr.length > 5 || !auth.amr.every((m) => AMR.test(m))) throw new Error('completeLogin: unknown acr or amr');
      const provider = await deps.provider();
      const { interaction, client } = await openLogin(provider, uid);
      const account = await accounts.find(insuredId);
      if (!account) {
        await audit.record({ actor: context.actor ?? 'system', action: 'ident.login_refused', subject: insuredId, ip: context.ip, outcome: 'denied', data: { client: client.clientId } });
        throw new AppError('ident.account_unavailable', 403);
      }
      await answer(uid);

      const grant = new provider.Grant({ accountId: account.id, clientId: client.clientId });
      const requested = listOf(String(interaction.params.scope ?? '').split(' '));
      grant.addOIDCScope(requested.filter((s) => OIDC_SCOPES.has(s)));
      // the record's scope for its audience; whether this client may have it, the provider checks (getResourceServerInfo)
      const audience = deps.epaAudience();
      const resources = listOf(interaction.params.resource);
      if (requested.includes(EPA_SCOPE) && (resources.length === 0 || resources.includes(audience))) grant.addResourceScope(audience, EPA_SCOPE);
      const grantId = await grant.save();
      interaction.result = { login: { accountId: account.id, acr: auth.acr, amr: [...auth.amr], remember: false }, consent: { grantId } };
      await interaction.save(providerSecondsUntil(interaction.exp));
      await audit.record({ actor: context.actor ?? `insured:${account.id}`, action: 'ident.login_approved', subject: account.id, ip: context.ip, data: { client: client.clientId, acr: auth.acr, grant: grantId } });
      return { returnTo: interaction.returnTo };
    },

    /** Declines the login request `uid` ("Ablehnen" in the app, "Abbrechen" on the page): the client gets access_denied. */
    async declineLogin(uid: string, context: AnswerContext = {}): Promise<{ returnTo: string }> {
      const provider = await deps.provider();
      const { interaction, client } = await openLogin(provider, uid);
      await answer(uid);
      await audit.record({ actor: context.actor ?? 'anonymous', action: 'ident.login_declined', subject: null, ip: context.ip, data: { client: client.clientId } });
      interaction.result = { error: 'access_denied', error_description: 'Die Anmeldung wurde abgelehnt.' };
      await interaction.save(providerSecondsUntil(interaction.exp));
      return { returnTo: interaction.returnTo };
    },

    /** The login request `uid` as its page shows it, or null unless this browser's cookie names it. */
    async view(provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string): Promise<LoginRequestView | null> {
      let details;
      try {
        details = await provider.interactionDetails(req, res);
      } catch (error) {
        if (error instanceof errors.SessionNotFound) return null;
        throw error;
      }
      if (details.uid !== uid || details.prompt.name !== 'login') return null;
      const client = await provider.Client.find(String(details.params.client_id));
      if (!client) return null;
      const approved = details.result?.login !== undefined;
      return {
        uid,
        clientId: client.clientId,
        clientName: client.clientName ?? client.clientId,
        nativeClient: client.applicationType === 'native',
        returnTo: approved ? details.returnTo : null,
        redirectUri: String(details.params.redirect_uri ?? ''),
      };
    },
  };
}
