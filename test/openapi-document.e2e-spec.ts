import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { CLI_ARGS } from './helpers/app-process';
import { createTestApp, type TestApp } from './helpers/test-app';
import { BASE_TEST_ENV } from './helpers/test-env';

describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is written by `cli openapi --out` as the API serves it, with no database', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'coldstore-openapi-')), 'openapi.json');
    const result = spawnSync(process.execPath, [...CLI_ARGS, 'openapi', '--out', out], {
      encoding: 'utf8',
      env: {
        ...process.env,
        ...BASE_TEST_ENV,
        DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
      },
      timeout: 110_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const served = await request(t.server).get('/docs-json').expect(200);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(served.body);
  }, 120_000);
});
