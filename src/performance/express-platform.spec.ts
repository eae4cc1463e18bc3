import type { Express, Request, Response } from 'express';
import { IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Socket } from 'node:net';
import { bornWith, ExpressPlatform } from './express-platform';

describe('ExpressPlatform', () => {
  let platform: ExpressPlatform;
  let server: Server;
  let base: string;
  const born: { request: boolean; response: boolean }[] = [];

  beforeAll(async () => {
    platform = new ExpressPlatform();
    const app = platform.getInstance<Express>();
    app.get('/echo', (req: Request, res: Response) => {
      res
        .set('X-Seen', req.get('x-sent') ?? '')
        .status(201)
        .json({ path: req.path, q: req.query });
    });
    platform.initHttpServer({});
    server = platform.getHttpServer();
    // Runs before Express's own listener: what the server built, before Express touched it.
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      born.push({
        request: Object.getPrototypeOf(req) === app.request,
        response: Object.getPrototypeOf(res) === app.response,
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("builds every request and response with Express's prototypes, so Express changes none", async () => {
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${base}/echo?a=${i}`, { headers: { 'x-sent': `v${i}` } });
      expect(response.status).toBe(201);
      expect(response.headers.get('x-seen')).toBe(`v${i}`);
      expect(await response.json()).toEqual({ path: '/echo', q: { a: String(i) } });
    }
    expect(born).toEqual(Array.from({ length: 3 }, () => ({ request: true, response: true })));
  });

  it('bornWith runs the base constructor on an object of the given prototype', () => {
    const prototype = Object.create(IncomingMessage.prototype) as object;
    const Born = bornWith(IncomingMessage, prototype);
    const socket = new Socket();
    const message = new Born(socket);
    expect(Object.getPrototypeOf(message)).toBe(prototype);
    expect(message).toBeInstanceOf(IncomingMessage);
    expect(message.socket).toBe(socket);
    expect(message.headers).toEqual({});
    socket.destroy();
  });
});
