import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { OpenApiContract } from './helpers/openapi-contract';

/** The checks every e2e answer passes through (test/helpers/openapi-contract.setup.ts). */
describe('the OpenAPI contract check', () => {
  const contract = OpenApiContract.fromFile();
  const problem = {
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: 'Lot not found.',
  };
  const answer = (status: number, type: string, body: unknown) => ({
    status,
    type,
    headers: { 'content-length': '10' },
    body,
  });

  it('accepts an answer the document describes', () => {
    const id = '6f1c9a52-3b7e-4d0a-8c15-2e9b7d4f0a63';
    expect(
      contract.violation(
        'GET',
        `/api/inventory/lots/${id}`,
        answer(404, 'application/problem+json', problem),
      ),
    ).toBeUndefined();
  });

  it('refuses a status the operation does not list', () => {
    expect(contract.violation('GET', '/health', answer(418, 'application/json', {}))).toMatch(
      /GET \/health answered 418, a status the OpenAPI document does not list/,
    );
  });

  it('refuses a content type the response does not list', () => {
    expect(
      contract.violation('GET', '/api/inventory/lots', answer(422, 'application/json', problem)),
    ).toMatch(
      /with application\/json, which the document does not list \(application\/problem\+json\)/,
    );
  });

  it('refuses a body that breaks the schema', () => {
    expect(
      contract.violation(
        'GET',
        '/api/inventory/lots',
        answer(200, 'application/json', [{ id: 7 }]),
      ),
    ).toMatch(/does not match its schema: \/0 must have required property/);
  });

  it('leaves alone what the document does not claim: other paths and methods', () => {
    expect(contract.violation('GET', '/docs', answer(200, 'text/html', '<html>'))).toBeUndefined();
    expect(
      contract.violation('TRACE', '/health', answer(405, 'application/json', {})),
    ).toBeUndefined();
  });

  describe('through supertest', () => {
    let server: Server;
    beforeAll(async () => {
      server = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(
      () =>
        new Promise<void>((resolve) =>
          server.close(() => {
            resolve();
          }),
        ),
    );

    it('fails a request whose answer the document does not describe', async () => {
      await expect(request(server).get('/health/ready').expect(200)).resolves.toBeDefined();
      await expect(request(server).post('/health').expect(200)).resolves.toBeDefined();
      await expect(request(server).get('/api/inventory/summary').expect(200)).rejects.toThrow(
        /OpenAPI contract: GET \/api\/inventory\/summary answered 200 with a body that does not match/,
      );
    });
  });
});
