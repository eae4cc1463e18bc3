import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ResponseObject,
} from '@nestjs/swagger';
import request from 'supertest';
import { startApiProcess } from './helpers/app-process';
import { runCli } from './helpers/cli';
import { createTestApp, type TestApp } from './helpers/test-app';

describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is written by `cli openapi --out` as the built API serves it, with no database', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'coldstore-openapi-')), 'openapi.json');
    const [result, api] = await Promise.all([
      runCli(
        ['openapi', '--out', out],
        { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' },
        { timeoutMs: 110_000 },
      ),
      startApiProcess(t.database!.url, { OUTBOX_WORKER_ENABLED: 'false' }),
    ]);
    try {
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const served = await fetch(`${api.base}/docs-json`);
      expect(served.status).toBe(200);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(await served.json());
    } finally {
      await api.kill();
    }
  }, 120_000);

  describe('as served', () => {
    let document: OpenAPIObject;
    const operations = (): [string, string, OperationObject][] =>
      Object.entries(document.paths).flatMap(([path, item]) =>
        Object.entries(item as Record<string, OperationObject>).map(
          ([method, operation]): [string, string, OperationObject] => [method, path, operation],
        ),
      );
    beforeAll(async () => {
      document = (await request(t.server).get('/docs-json').expect(200)).body as OpenAPIObject;
    });

    it('documents every error of every route, PDF and CSV ones too, as problem details with its own example', () => {
      for (const [method, path, operation] of operations()) {
        const statuses = Object.keys(operation.responses).map(Number);
        expect({ method, path, statuses }).toEqual({
          method,
          path,
          statuses: expect.arrayContaining([400, 413, 415, 500]) as number[],
        });
        for (const status of statuses.filter((s) => s >= 400)) {
          const response = operation.responses[status] as ResponseObject;
          expect(Object.keys(response.content ?? {})).toEqual(['application/problem+json']);
          const media = response.content?.['application/problem+json'];
          expect(media?.schema).toEqual({ $ref: '#/components/schemas/ProblemDetailsDto' });
          expect((media?.example as { status: number }).status).toBe(status);
        }
      }
    });

    it('says who may call each operation, and needs no token on public ones', () => {
      for (const [, path, operation] of operations()) {
        expect(operation.description).toMatch(/\*\*Access:\*\* /);
        if (/public; no sign-in/.test(operation.description ?? '')) {
          expect(operation.security).toEqual([]);
        } else if (/no user sign-in; a gateway's API key/.test(operation.description ?? '')) {
          expect({ path, security: operation.security }).toEqual({
            path,
            security: [{ 'gateway-key': [] }],
          });
        } else {
          expect({ path, security: operation.security }).toEqual({
            path,
            security: [{ bearer: [] }, { oauth2: [] }],
          });
        }
      }
      expect(document.paths['/api/auth/login'].post?.security).toEqual([]);
      expect(document.paths['/health'].get?.security).toEqual([]);
      expect(document.paths['/api/telemetry/readings'].post?.security).toEqual([
        { 'gateway-key': [] },
      ]);
      expect(document.components?.securitySchemes?.['gateway-key']).toMatchObject({
        type: 'apiKey',
        in: 'header',
        name: 'X-Api-Key',
      });
    });

    it('types path ids as UUIDs and closes request bodies to unknown fields', () => {
      for (const [, , operation] of operations()) {
        for (const parameter of (operation.parameters ?? []) as ParameterObject[]) {
          // Ids are UUIDs; the others are a label's scanned code and a traceability lot code.
          if (parameter.in !== 'path') continue;
          if (['code', 'tlc'].includes(parameter.name))
            expect(parameter.schema).toMatchObject({ type: 'string' });
          else expect(parameter.schema).toMatchObject({ format: 'uuid' });
        }
      }
      const schemas = document.components?.schemas ?? {};
      expect(schemas.InwardDto).toMatchObject({ additionalProperties: false });
      expect(schemas.LotOutDto).not.toHaveProperty('additionalProperties');
    });

    it('declares the invoice PDF as binary', () => {
      const pdf = document.paths['/api/billing/invoices/{id}/pdf'].get;
      const ok = pdf?.responses[200] as ResponseObject;
      expect(ok.content).toEqual({
        'application/pdf': { schema: { type: 'string', format: 'binary' } },
      });
    });
  });
});
