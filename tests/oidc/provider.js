// An OpenID Provider nobody here wrote (panva's oidc-provider, the version package.json
// pins), on 127.0.0.1, for the sign-in conformance tests (tests/test_signin_oidc.py).
//
// `node provider.js` prints exactly one line to stdout, `listening on http://127.0.0.1:PORT`
// (the port is free, chosen by the system; the address is the issuer), and serves until
// SIGINT or SIGTERM. Its warnings about development-only keys and storage go to stderr.
//
// Three clients, all with loopback redirect URIs on any port (RFC 8252 §7.3):
//   opiq-admin-public        public, PKCE; refresh tokens when offline_access is granted
//   opiq-admin-no-refresh    public, PKCE; never a refresh token
//   opiq-admin-confidential  client_secret_basic with the secret below; refresh tokens
// Sign-in and consent are oidc-provider's devInteractions forms: any login, any password.
// Revocation (RFC 7009) and userinfo are on; ID tokens are signed RS256.
import http from 'node:http';
import Provider from 'oidc-provider';

const SECRET = 'salajane-harjutus-saladus-0123456789';

const accounts = {
  'mari.maasikas': {
    sub: 'mari.maasikas', given_name: 'Mari', family_name: 'Maasikas',
    name: 'Mari Maasikas', email: 'mari.maasikas@example.ee', email_verified: true,
  },
};

const loopback = ['http://127.0.0.1/callback'];

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'opiq-admin-public', application_type: 'native',
        token_endpoint_auth_method: 'none', redirect_uris: loopback,
        grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
      },
      {
        client_id: 'opiq-admin-no-refresh', application_type: 'native',
        token_endpoint_auth_method: 'none', redirect_uris: loopback,
        grant_types: ['authorization_code'], response_types: ['code'],
      },
      {
        client_id: 'opiq-admin-confidential', application_type: 'native',
        client_secret: SECRET, token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: loopback,
        grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
      },
    ],
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: {
      openid: ['sub'], profile: ['given_name', 'family_name', 'name'],
      email: ['email', 'email_verified'],
    },
    features: { devInteractions: { enabled: true }, revocation: { enabled: true } },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600, AuthorizationCode: 60, IdToken: 600, RefreshToken: 3600,
      Interaction: 600, Session: 3600, Grant: 3600,
    },
    async findAccount(ctx, sub) {
      const person = accounts[sub] || { ...accounts['mari.maasikas'], sub };
      return { accountId: sub, async claims() { return person; } };
    },
  });
  provider.proxy = false;
  server.on('request', provider.callback());
  process.stdout.write(`listening on ${issuer}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.closeAllConnections?.();
    server.close(() => process.exit(0));
  });
}
