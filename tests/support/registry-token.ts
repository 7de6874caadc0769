/**
 * A token server for docker-registry's token auth (distribution's `auth.token`), as Harbor and Docker Hub run one:
 * it checks Basic credentials and answers `{ token }`, a JWT (RS256) whose `x5c` header carries a self-signed
 * certificate the registry trusts (its `rootcertbundle`), granting the scopes asked for. The key and certificate come
 * from the `openssl` CLI (Node can sign but cannot make an X.509 certificate).
 */
import { createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export function opensslInstalled(): boolean {
  return spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
}

export interface TokenServer {
  realm: string;
  certPath: string;
  service: string;
  issuer: string;
  /** Every request to the token endpoint: method, the Basic user it carried (or ''), the scopes asked. */
  requests: { method: string; user: string; scopes: string[] }[];
  close(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export async function startTokenServer(dir: string, users: Record<string, string>): Promise<TokenServer> {
  const keyPath = path.join(dir, 'token-key.pem');
  const certPath = path.join(dir, 'token-cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      '/CN=studybot-token',
    ],
    { stdio: 'ignore' },
  );
  const key = createPrivateKey(readFileSync(keyPath));
  const der = new X509Certificate(readFileSync(certPath)).raw.toString('base64');
  const service = 'studybot-registry';
  const issuer = 'studybot-token-issuer';
  const requests: TokenServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [user = '', pass = ''] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [];
    const scopes = u.searchParams.getAll('scope');
    requests.push({ method: req.method ?? '', user, scopes });
    if (!basic || users[user] !== pass || users[user] === undefined) {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end('{"details":"bad credentials"}');
    }
    const now = Math.floor(Date.now() / 1000);
    const access = scopes.map((s) => {
      const [type = '', ...rest] = s.split(':');
      const actions = rest.pop() ?? '';
      return { type, name: rest.join(':'), actions: actions.split(',') };
    });
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [der] }));
    const claims = b64url(
      JSON.stringify({
        iss: issuer,
        sub: user,
        aud: service,
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: randomUUID(),
        access,
      }),
    );
    const signature = b64url(sign('sha256', Buffer.from(`${header}.${claims}`), key));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token: `${header}.${claims}.${signature}`, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const realm = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/token`;
  return {
    realm,
    certPath,
    service,
    issuer,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
