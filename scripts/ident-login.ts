// A native OpenID Connect client on the loopback (RFC 8252), made with openid-client, that logs in at the
// AOK Ident: discovery, PAR with PKCE S256, the browser's login, the code exchange with the ID token
// checked, one refresh; the tokens are bound to a fresh DPoP key (RFC 9449), as the ePA client's must be. It prints the address to open, then the ID token's claims as JSON.
//
//   npx tsx scripts/ident-login.ts [--issuer http://127.0.0.1:3000/ident] [--client pforte-epa] [--scope "openid kvnr epa"]
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import * as client from 'openid-client';

const { values } = parseArgs({
  options: {
    issuer: { type: 'string', default: 'http://127.0.0.1:3000/ident' },
    client: { type: 'string', default: 'pforte-epa' },
    scope: { type: 'string', default: 'openid kvnr epa' },
    'timeout-seconds': { type: 'string', default: '600' },
  },
});

const issuer = new URL(values.issuer);
const config = await client.discovery(issuer, values.client, undefined, client.None(), {
  // a local server speaks http; anything else must be https
  execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
});

const dpop = client.getDPoPHandle(config, await client.randomDPoPKeyPair('ES256'));
const verifier = client.randomPKCECodeVerifier();
const state = client.randomState();
const nonce = client.randomNonce();

// the loopback listener on a free port: the provider accepts any port for a registered loopback redirect
let answer: (url: URL) => void;
const called = new Promise<URL>((resolve) => (answer = resolve));
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  if (url.pathname !== '/callback') return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('Anmeldung abgeschlossen. Sie können dieses Fenster schließen.\n');
  answer(url);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;

const url = await client.buildAuthorizationUrlWithPAR(config, {
  redirect_uri: redirectUri,
  scope: values.scope,
  code_challenge: await client.calculatePKCECodeChallenge(verifier),
  code_challenge_method: 'S256',
  state,
  nonce,
}, { DPoP: dpop });
console.log(`Öffnen Sie im Browser: ${url.href}`);

const timeout = setTimeout(() => {
  console.error('Keine Antwort im Browser: abgebrochen.');
  process.exit(4);
}, Number(values['timeout-seconds']) * 1000);
const callback = await called;
clearTimeout(timeout);
server.close();

try {
  const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true }, undefined, { DPoP: dpop });
  const refreshed = tokens.refresh_token ? await client.refreshTokenGrant(config, tokens.refresh_token, undefined, { DPoP: dpop }) : null;
  console.log(JSON.stringify({ id_token: tokens.claims(), expires_in: tokens.expires_in, refreshed: refreshed !== null }, null, 2));
} catch (error) {
  const { error: code, error_description: description } = error as { error?: string; error_description?: string };
  console.error(`Anmeldung fehlgeschlagen: ${code ?? (error as Error).message}${description ? ` (${description})` : ''}`);
  process.exit(1);
}
