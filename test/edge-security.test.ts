import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { asText, baseWorkload } from './helpers/comparison.js';

const scenario = {
  name: 'security headers',
  workload: baseWorkload(),
  candidates: [
    { type: 'self-host', label: 'qwen on L40S', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
    { type: 'api', label: 'gpt-5-mini', offering: 'openai-gpt-5-mini' },
  ],
};

function directives(csp: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values.join(' '));
  }
  return map;
}

function expectBaseHeaders(headers: Record<string, string>): void {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(directives(headers['content-security-policy']).get('frame-ancestors')).toBe("'none'");
}

describe('security headers', () => {
  let svc: TestService;
  let id: string;
  beforeAll(async () => {
    svc = await startTestService({ LOAD_REFERENCE_DATA: true });
    id = (await svc.http.post('/scenarios').send(scenario).expect(201)).body.id;
  });
  afterAll(async () => svc.close());

  it('API JSON responses: nosniff, DENY, no-referrer, a CSP that allows nothing, no-store', async () => {
    const res = await svc.http.get('/hardware').expect(200);
    expectBaseHeaders(res.headers);
    expect(directives(res.headers['content-security-policy']).get('default-src')).toBe("'none'");
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('records with an ETag are revalidated (no-cache), not stored blindly', async () => {
    const res = await svc.http.get(`/scenarios/${id}`).expect(200);
    expect(res.headers.etag).toBeDefined();
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('problem responses carry the same headers', async () => {
    const res = await svc.http.get('/hardware/no-such-gpu').expect(404);
    expectBaseHeaders(res.headers);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('SVG charts: a CSP that forbids scripts and every fetch, nosniff', async () => {
    for (const chart of ['break-even.svg', 'sensitivity.svg']) {
      const res = await svc.http.get(`/scenarios/${id}/${chart}`).buffer(true).parse(asText).expect(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expectBaseHeaders(res.headers);
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('default-src')).toBe("'none'");
      expect(csp.has('script-src')).toBe(false);
    }
  });

  it('Swagger UI (/docs): a CSP that allows its own scripts and styles and nothing from elsewhere', async () => {
    for (const path of ['/docs', '/docs/', '/docs/static/swagger-initializer.js', '/docs/static/swagger-ui-bundle.js']) {
      const res = await svc.http.get(path).buffer(true).parse(asText);
      expect(res.status).toBe(200);
      expectBaseHeaders(res.headers);
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('default-src')).toBe("'self'");
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('connect-src')).toBe("'self'");
      expect(csp.get('object-src')).toBe("'none'");
    }
  });
});

describe('CORS', () => {
  it('by default (CORS_ORIGINS empty) no origin is allowed and preflights are not answered', async () => {
    const svc = await startTestService();
    try {
      const res = await svc.http.get('/health').set('Origin', 'https://tool.example').expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const pre = await svc.http.options('/compare').set('Origin', 'https://tool.example').set('Access-Control-Request-Method', 'POST');
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await svc.close();
    }
  });

  it('allows exactly the listed origins, preflight included', async () => {
    const svc = await startTestService({ CORS_ORIGINS: ['https://tool.example', 'http://localhost:5173'] });
    try {
      const ok = await svc.http.get('/health').set('Origin', 'https://tool.example').expect(200);
      expect(ok.headers['access-control-allow-origin']).toBe('https://tool.example');
      expect(ok.headers['access-control-expose-headers']).toMatch(/etag/i);
      expect(ok.headers.vary).toMatch(/origin/i);

      const pre = await svc.http
        .options('/compare')
        .set('Origin', 'http://localhost:5173')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type, authorization');
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(pre.headers['access-control-allow-methods']).toContain('POST');
      expect(pre.headers['access-control-allow-headers']?.toLowerCase()).toContain('authorization');

      const other = await svc.http.get('/health').set('Origin', 'https://evil.example').expect(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await svc.close();
    }
  });
});
