import request from 'supertest';
import { readFileSync } from 'node:fs';
import { ProbeModule } from './helpers/probe.module';
import { createTestApp, type TestApp } from './helpers/test-app';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('HTTP platform', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ imports: [ProbeModule] });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('request id', () => {
    it('mints an X-Request-Id when the caller sends none', async () => {
      const res = await request(t.server).get('/health').expect(200);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("echoes the caller's X-Request-Id", async () => {
      const res = await request(t.server).get('/health').set('X-Request-Id', 'abc-123').expect(200);
      expect(res.headers['x-request-id']).toBe('abc-123');
    });

    it('replaces a request id that could inject into logs', async () => {
      const res = await request(t.server)
        .get('/health')
        .set('X-Request-Id', 'bad id\twith tabs')
        .expect(200);
      expect(res.headers['x-request-id']).not.toBe('bad id\twith tabs');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('problem details', () => {
    it('answers an unknown route with a 404 problem', async () => {
      const res = await request(t.server).get('/api/nowhere?token=secret').expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toEqual({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'The requested resource was not found.',
        instance: '/api/nowhere',
        request_id: res.headers['x-request-id'],
      });
    });

    it('answers TRACE with 405, on any path, and echoes nothing back', async () => {
      for (const path of ['/api/inventory/lots', '/health', '/api/nowhere']) {
        const res = await request(t.server)
          .trace(path)
          .set('Authorization', 'Bearer secret-token')
          .expect(405);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.headers.allow).toBe('GET, HEAD, POST, PATCH, DELETE, OPTIONS');
        expect(res.body).toMatchObject({ status: 405, detail: 'This method is not allowed here.' });
        expect(res.text).not.toContain('secret-token');
      }
    });

    it('answers invalid fields with 422 and one error per field', async () => {
      const res = await request(t.server)
        .post('/__probe/echo')
        .send({ name: 'x', lines: [{ quantity: 0 }] })
        .expect(422);
      expect(res.body.status).toBe(422);
      expect(res.body.title).toBe('Unprocessable Entity');
      expect(typeof res.body.detail).toBe('string');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'name', message: expect.stringContaining('name') },
          { field: 'lines[0].quantity', message: expect.stringContaining('quantity') },
        ]),
      );
    });

    it('rejects unknown body fields with 422', async () => {
      const res = await request(t.server)
        .post('/__probe/echo')
        .send({ name: 'ok', lines: [{ quantity: 1 }], is_admin: true })
        .expect(422);
      expect(res.body.errors).toEqual([{ field: 'is_admin', message: 'is not allowed' }]);
      expect(res.body.detail).toBe('Validation failed: is_admin is not allowed.');
    });

    it('passes a valid body through', async () => {
      await request(t.server)
        .post('/__probe/echo')
        .send({ name: 'ok', lines: [{ quantity: 2 }] })
        .expect(201, { name: 'ok', lines: [{ quantity: 2 }] });
    });

    it('answers a body over 1 MB with 413', async () => {
      const res = await request(t.server)
        .post('/__probe/echo')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10), lines: [] }))
        .expect(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toMatch(/1 MB/);
      expect(res.body.request_id).toBe(res.headers['x-request-id']);
    });

    it('answers malformed JSON with 400', async () => {
      const res = await request(t.server)
        .post('/__probe/echo')
        .set('Content-Type', 'application/json')
        .send('{"name": ')
        .expect(400);
      expect(res.body.detail).toBe('The request body is not valid JSON.');
    });

    it('answers a body that is not JSON with 415', async () => {
      const res = await request(t.server)
        .post('/__probe/echo')
        .set('Content-Type', 'text/plain')
        .send('name=ok')
        .expect(415);
      expect(res.body.status).toBe(415);
      const form = await request(t.server)
        .post('/__probe/echo')
        .type('form')
        .send({ name: 'ok' })
        .expect(415);
      expect(form.body.detail).toMatch(/JSON/);
    });

    it('answers an unexpected failure with a generic 500: request id, no stack, no SQL', async () => {
      const res = await request(t.server).get('/__probe/boom').expect(500);
      expect(res.body).toEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred. Quote the request id when reporting it.',
        instance: '/__probe/boom',
        request_id: res.headers['x-request-id'],
      });
      expect(JSON.stringify(res.body)).not.toMatch(/secret_table|\.ts:\d+|at /);
    });
  });

  describe('security headers and CORS', () => {
    it('sets helmet headers', async () => {
      const res = await request(t.server).get('/health').expect(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('allows the configured origin and exposes the request id header', async () => {
      const res = await request(t.server)
        .get('/health')
        .set('Origin', 'http://localhost:5173')
        .expect(200);
      expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(res.headers['access-control-expose-headers']).toContain('X-Request-Id');
    });

    it('lets no cache keep an answer, and computes no ETag', async () => {
      const health = await request(t.server).get('/health').expect(200);
      expect(health.headers['cache-control']).toBe('no-store');
      const echoed = await request(t.server)
        .post('/__probe/echo')
        .send({ name: 'x'.repeat(2000), lines: [{ quantity: 2 }] })
        .expect(201);
      expect(echoed.headers['cache-control']).toBe('no-store');
      expect(echoed.headers.etag).toBeUndefined();
      const refused = await request(t.server).get('/api/auth/sessions').expect(401);
      expect(refused.headers['cache-control']).toBe('no-store');
    });

    it('does not allow other origins', async () => {
      const res = await request(t.server)
        .get('/health')
        .set('Origin', 'https://evil.example')
        .expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('OpenAPI', () => {
    it('serves the document titled and versioned from package.json', async () => {
      const res = await request(t.server).get('/docs-json').expect(200);
      expect(res.body.info.title).toBe(t.config.app.name);
      expect(res.body.info.version).toBe(pkg.version);
      expect(res.body.paths['/health']).toBeDefined();
      expect(res.body.components.securitySchemes.bearer).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
    });

    it('gives filter parameters no example, which Swagger UI would pre-fill as a filter', async () => {
      const res = await request(t.server).get('/docs-json').expect(200);
      const prefilled: string[] = [];
      for (const [path, operations] of Object.entries(
        res.body.paths as Record<
          string,
          Record<
            string,
            {
              parameters?: {
                in: string;
                name: string;
                required?: boolean;
                example?: unknown;
                schema?: { example?: unknown };
              }[];
            }
          >
        >,
      )) {
        for (const operation of Object.values(operations)) {
          for (const parameter of operation.parameters ?? []) {
            const example = parameter.example ?? parameter.schema?.example;
            if (
              parameter.in === 'query' &&
              !parameter.required &&
              example !== undefined &&
              !['skip', 'limit'].includes(parameter.name)
            ) {
              prefilled.push(`${path} ${parameter.name}`);
            }
          }
        }
      }
      expect(prefilled).toEqual([]);
    });

    it('serves Swagger UI and ReDoc', async () => {
      const ui = await request(t.server).get('/docs').redirects(1).expect(200);
      expect(ui.text).toContain('swagger-ui');
      const redoc = await request(t.server).get('/redoc').expect(200);
      expect(redoc.text).toContain('<redoc spec-url="/docs-json"></redoc>');
      expect(redoc.text).toContain('<script src="/redoc/redoc.standalone.js?v=');
    });
  });
});
