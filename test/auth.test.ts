import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteScopeEntry } from '../src/auth/plugin.js';
import { hashSecret, SECRET_PATTERN } from '../src/auth/secrets.js';
import { startTestService, type TestService } from './helpers/app.js';
import { adminSecret, bearer, createKey, scenarioBody } from './helpers/auth.js';
import { expectProblem } from './helpers/comparison.js';
import { hardwareBody } from './helpers/fixtures.js';

/**
 * API keys and scopes (docs/auth.md): every route of the app, as registered, answers an anonymous,
 * a wrong-scope, a revoked and a right-scope key as documented.
 */
const ADMIN = adminSecret();
let svc: TestService;
let keyed: TestService;
const keys: Record<string, { id: string; secret: string }> = {};

beforeAll(async () => {
  svc = await startTestService({ ADMIN_API_KEY: ADMIN, LOAD_REFERENCE_DATA: true });
  keys.read = await createKey(svc.http, ADMIN, 'reader', ['read']);
  keys.write = await createKey(svc.http, ADMIN, 'writer', ['write']);
  keys.catalog = await createKey(svc.http, ADMIN, 'cataloguer', ['catalog:write']);
  keys.allButAdmin = await createKey(svc.http, ADMIN, 'everything-but-admin', ['read', 'write', 'catalog:write']);
  keys.revoked = await createKey(svc.http, ADMIN, 'revoked', ['read', 'write', 'catalog:write', 'admin']);
  await svc.http.delete(`/keys/${keys.revoked.id}`).set('authorization', bearer(ADMIN)).expect(200);
  keyed = await startTestService({ ADMIN_API_KEY: ADMIN, AUTH_READS: 'key' });
});
afterAll(async () => {
  await svc?.close();
  await keyed?.close();
});

/** The key holding exactly the scope a route needs, and one that lacks it. */
const rightKey = (scope: string) =>
  ({ read: keys.read, write: keys.write, 'catalog:write': keys.catalog, admin: { id: '', secret: ADMIN } })[scope];
const wrongKey = (scope: string) => ({ write: keys.catalog, 'catalog:write': keys.write, admin: keys.allButAdmin })[scope];

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const protectedRoutes = (s: TestService) =>
  s.app.routeScopes.filter((r) => r.scope !== 'public' && r.method !== 'HEAD' && r.method !== 'OPTIONS');

function send(s: TestService, route: RouteScopeEntry, secret?: string) {
  const url = route.url.replace(/:[A-Za-z]+/g, UNKNOWN_ID);
  const req = s.http[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
  if (secret) req.set('authorization', bearer(secret));
  return route.method === 'GET' || route.method === 'DELETE' ? req : req.send({});
}

describe('route scopes', () => {
  it('are generated from the app: every write route declares its scope, reads default to read', () => {
    const routes = protectedRoutes(svc);
    expect(routes.length).toBeGreaterThanOrEqual(30);
    const scopeOf = (method: string, url: string) => routes.find((r) => r.method === method && r.url === url)?.scope;
    expect(scopeOf('POST', '/scenarios')).toBe('write');
    expect(scopeOf('DELETE', '/scenarios/:id')).toBe('write');
    expect(scopeOf('PATCH', '/api-offerings/:id')).toBe('catalog:write');
    expect(scopeOf('POST', '/keys')).toBe('admin');
    expect(scopeOf('POST', '/compare')).toBe('read');
    expect(scopeOf('GET', '/hardware')).toBe('read');
    const undeclaredWrites = routes.filter((r) => r.method !== 'GET' && !r.declared).map((r) => `${r.method} ${r.url}`);
    expect(undeclaredWrites).toEqual([]);
    const publicUrls = svc.app.routeScopes.filter((r) => r.scope === 'public').map((r) => r.url);
    expect(publicUrls).toEqual(expect.arrayContaining(['/health', '/ready', '/openapi.json', '/docs', '/metrics']));
  });

  it('anonymous requests: reads pass with AUTH_READS=open, every other route answers 401 with a bearer challenge', async () => {
    for (const route of protectedRoutes(svc)) {
      const res = await send(svc, route);
      const name = `${route.method} ${route.url} (${route.scope})`;
      if (route.scope === 'read') {
        expect([401, 403], name).not.toContain(res.status);
      } else {
        expect(res.status, name).toBe(401);
        expectProblem(res, 401);
        expect(res.headers['www-authenticate'], name).toMatch(/^Bearer realm="breakeven"/);
      }
    }
  });

  it('with AUTH_READS=key every route, reads included, answers 401 to an anonymous request', async () => {
    const routes = protectedRoutes(keyed);
    expect(routes.length).toBe(protectedRoutes(svc).length);
    for (const route of routes) {
      const res = await send(keyed, route);
      expect(res.status, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('a revoked key answers 401 on every route, reads included', async () => {
    for (const route of protectedRoutes(svc)) {
      const res = await send(svc, route, keys.revoked?.secret);
      expect(res.status, `${route.method} ${route.url}`).toBe(401);
      expect(res.body.detail).toMatch(/revoked/);
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    }
  });

  it('a key without the route scope answers 403 naming the scope', async () => {
    for (const route of protectedRoutes(svc).filter((r) => r.scope !== 'read')) {
      const res = await send(svc, route, wrongKey(route.scope)?.secret);
      expect(res.status, `${route.method} ${route.url}`).toBe(403);
      expectProblem(res, 403);
      expect(res.body.detail).toContain(`'${route.scope}'`);
      expect(res.headers['www-authenticate']).toContain(`scope="${route.scope}"`);
    }
  });

  it('a key with the route scope passes authorisation: the route itself answers, as it does for an admin key', async () => {
    for (const route of protectedRoutes(svc)) {
      const res = await send(svc, route, rightKey(route.scope)?.secret);
      const asAdmin = await send(svc, route, ADMIN);
      const name = `${route.method} ${route.url}`;
      expect([401, 403], name).not.toContain(res.status);
      expect(res.status, name).toBe(asAdmin.status);
    }
  });

  it('the right scopes get 2xx on real writes', async () => {
    const w = bearer(keys.write?.secret as string);
    const created = await svc.http.post('/scenarios').set('authorization', w).send(scenarioBody()).expect(201);
    await svc.http.patch(`/scenarios/${created.body.id}`).set('authorization', w).send({ name: 'renamed' }).expect(200);
    await svc.http.delete(`/scenarios/${created.body.id}`).set('authorization', w).expect(204);
    const c = bearer(keys.catalog?.secret as string);
    const hw = await svc.http.post('/hardware').set('authorization', c).send(hardwareBody()).expect(201);
    await svc.http.patch(`/hardware/${hw.body.id}`).set('authorization', c).send({ usdPerGpuHour: 3 }).expect(200);
    await svc.http.delete(`/hardware/${hw.body.id}`).set('authorization', c).expect(204);
    const r = bearer(keys.read?.secret as string);
    await svc.http.get('/hardware').set('authorization', r).expect(200);
    const { name: _name, ...compare } = scenarioBody();
    await svc.http.post('/compare').set('authorization', r).send(compare).expect(200);
    await keyed.http.get('/hardware').set('authorization', bearer(ADMIN)).expect(200);
  });
});

describe('OpenAPI document (Swagger UI "Authorize")', () => {
  it('declares the bearer scheme and, per operation, the scope its route requires', async () => {
    const doc = (await svc.http.get('/openapi.json').expect(200)).body;
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    let checked = 0;
    for (const route of protectedRoutes(svc)) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      if (!op) continue;
      checked++;
      const expected = route.scope === 'read' ? [{}, { apiKey: ['read'] }] : [{ apiKey: [route.scope] }];
      expect(op.security, `${route.method} ${path}`).toEqual(expected);
      expect(Object.keys(op.responses), `${route.method} ${path}`).toEqual(expect.arrayContaining(['401', '403']));
    }
    expect(checked).toBeGreaterThanOrEqual(30);
    // Public operations say so explicitly: no security requirement.
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/ready'].get.security).toEqual([]);
  });
});

describe('bearer credentials', () => {
  it('401 invalid_request for a header that is not Bearer <key>, invalid_token for an unknown key', async () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', `Bearer ${ADMIN} extra`, ADMIN]) {
      const res = await svc.http.post('/scenarios').set('authorization', header).send(scenarioBody());
      expectProblem(res, 401);
      expect(res.headers['www-authenticate'], header).toContain('error="invalid_request"');
    }
    const res = await svc.http.post('/scenarios').set('authorization', bearer(adminSecret())).send(scenarioBody());
    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    // A presented key is checked even where none is needed.
    expectProblem(await svc.http.get('/hardware').set('authorization', bearer(adminSecret())), 401);
    await svc.http.get('/health').set('authorization', bearer(adminSecret())).expect(200);
  });

  it('a refused write writes nothing', async () => {
    const before = (await svc.http.get('/scenarios').set('authorization', bearer(ADMIN)).expect(200)).body.total;
    await svc.http.post('/scenarios').send(scenarioBody()).expect(401);
    await svc.http
      .post('/scenarios')
      .set('authorization', bearer(keys.catalog?.secret as string))
      .send(scenarioBody())
      .expect(403);
    await svc.http
      .post('/scenarios')
      .set('authorization', bearer(keys.revoked?.secret as string))
      .send(scenarioBody())
      .expect(401);
    expect((await svc.http.get('/scenarios').set('authorization', bearer(ADMIN)).expect(200)).body.total).toBe(before);
  });
});

describe('key management', () => {
  it('shows the secret once; lists keys without secrets or hashes; stores only the SHA-256', async () => {
    const res = await svc.http
      .post('/keys')
      .set('authorization', bearer(ADMIN))
      .send({ name: 'once', scopes: ['read', 'read'] })
      .expect(201);
    expect(res.body.secret).toMatch(SECRET_PATTERN);
    expect(res.body.scopes).toEqual(['read']);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.location).toBe(`/keys/${res.body.id}`);
    const list = await svc.http.get('/keys?limit=200').set('authorization', bearer(ADMIN)).expect(200);
    const listed = list.body.items.find((k: { id: string }) => k.id === res.body.id);
    expect(listed).toEqual({
      id: res.body.id,
      name: 'once',
      scopes: ['read'],
      createdAt: res.body.createdAt,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(list.body)).not.toContain('bk_');
    expect(list.body.items.map((k: { name: string }) => k.name)).toContain('bootstrap-admin');

    const rows = await svc.db.prisma.apiKey.findMany();
    const dump = JSON.stringify(rows);
    for (const secret of [res.body.secret, ADMIN, keys.write?.secret]) expect(dump).not.toContain(secret);
    const row = rows.find((r) => r.id === res.body.id);
    expect(row?.secretHash).toBe(hashSecret(res.body.secret));
    expect(row?.secretHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records the last use and the revocation; a revoked key answers 401 at once', async () => {
    const k = await createKey(svc.http, ADMIN, 'short-lived', ['write']);
    await svc.http.get('/hardware').set('authorization', bearer(k.secret)).expect(200);
    const revoked = await svc.http.delete(`/keys/${k.id}`).set('authorization', bearer(ADMIN)).expect(200);
    expect(revoked.body.lastUsedAt).toEqual(expect.any(String));
    expect(Date.parse(revoked.body.revokedAt)).toBeGreaterThanOrEqual(Date.parse(revoked.body.lastUsedAt));
    expectProblem(await svc.http.post('/scenarios').set('authorization', bearer(k.secret)).send(scenarioBody()), 401);
    const again = await svc.http.delete(`/keys/${k.id}`).set('authorization', bearer(ADMIN)).expect(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    expectProblem(await svc.http.delete(`/keys/${UNKNOWN_ID}`).set('authorization', bearer(ADMIN)), 404);
  });

  it('rejects bad key bodies with 400 naming the field', async () => {
    const post = (body: unknown) =>
      svc.http
        .post('/keys')
        .set('authorization', bearer(ADMIN))
        .send(body as object);
    expectProblem(await post({ name: 'x', scopes: [] }), 400, ['scopes']);
    expectProblem(await post({ name: 'x', scopes: ['root'] }), 400, ['scopes.0']);
    expectProblem(await post({ name: '', scopes: ['read'] }), 400, ['name']);
    expectProblem(await post({ name: 'x\u0000y', scopes: ['read'] }), 400, ['name']);
  });
});
