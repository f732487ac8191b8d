import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { clientMetadata, epaClient, parseIdentClients } from '../../../src/modules/ident-provider/clients.ts';

const tool = { client_id: 'werkzeug', client_name: 'Werkzeug', redirect_uris: ['http://127.0.0.1/cb', 'http://[::1]/cb'] };

function refused(clients: unknown, message: RegExp) {
  assert.throws(() => loadConfig({ IDENT_CLIENTS: typeof clients === 'string' ? clients : JSON.stringify(clients) }), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /^Ungültige Konfiguration: IDENT_CLIENTS /);
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /\n/);
    return true;
  });
}

describe('AOK Ident clients from the configuration', () => {
  test('without IDENT_CLIENTS only the built-in ePA client exists', () => {
    assert.deepEqual(loadConfig({}).identClients, []);
  });

  test('a loopback client: public, native, its id as the pairwise sector, PAR as configured', () => {
    const [client] = loadConfig({ IDENT_CLIENTS: JSON.stringify([{ ...tool, require_pushed_authorization_requests: true }]) }).identClients;
    assert.deepEqual(client, {
      id: 'werkzeug', name: 'Werkzeug', redirectUris: tool.redirect_uris, postLogoutRedirectUris: [], secret: null, requirePar: true, epa: false, sector: 'werkzeug',
    });
    const metadata = clientMetadata(client!);
    assert.equal(metadata.application_type, 'native');
    assert.equal(metadata.token_endpoint_auth_method, 'none');
    assert.equal(metadata.scope, 'openid');
  });

  test('a web client with a secret: its host is the sector', () => {
    const [client] = parseIdentClients(JSON.stringify([{ client_id: 'portal', client_name: 'Portal', redirect_uris: ['https://portal.example/cb'], client_secret: 's'.repeat(32) }]));
    assert.equal(client!.sector, 'portal.example');
    const metadata = clientMetadata(client!);
    assert.equal(metadata.application_type, 'web');
    assert.equal(metadata.token_endpoint_auth_method, 'client_secret_basic');
  });

  test('the ePA client alone may ask for the KVNR and must push its requests', () => {
    const metadata = clientMetadata(epaClient);
    assert.equal(metadata.scope, 'openid kvnr');
    assert.equal(metadata.require_pushed_authorization_requests, true);
    assert.deepEqual(metadata.redirect_uris, ['http://127.0.0.1/callback', 'http://[::1]/callback']);
  });

  test('mistakes stop the start with one line naming the client and the field', () => {
    refused('[{', /kein gültiges JSON/);
    refused({ ...tool }, /expected array/i);
    refused([{ ...tool, redirect_uris: ['http://evil.example/cb'] }], /0\.redirect_uris\.0/);
    refused([{ ...tool, redirect_uris: ['http://localhost/cb'] }], /redirect_uris/);
    refused([{ ...tool, redirect_uris: ['http://127.0.0.1/cb#x'] }], /redirect_uris/);
    refused([{ ...tool, redirect_uris: ['https://a.example/cb', 'https://b.example/cb'] }], /einem Host/);
    refused([{ ...tool, redirect_uris: ['https://a.example/cb', 'http://127.0.0.1/cb'] }], /nicht gemischt/);
    refused([{ ...tool, client_id: 'pforte-epa' }], /doppelt/);
    refused([tool, tool], /doppelt/);
    refused([{ ...tool, client_id: 'Groß' }], /client_id/);
    refused([{ ...tool, client_secret: 'kurz' }], /client_secret/);
    refused([{ ...tool, scope: 'openid kvnr' }], /scope/);
  });
});
