import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

type Constructor = new (...args: never[]) => object;

/** A plain function constructor (Node's own HTTP classes are), which can run on another `this`. */
function callable(base: Constructor): boolean {
  return !/^class\b/.test(Function.prototype.toString.call(base));
}

/**
 * A constructor building `base` objects whose prototype is `prototype` from birth, the classic
 * way: `base` runs on the new object. (Reflect.construct with another new.target makes V8 derive a
 * map per object, slower than the setPrototypeOf it avoids.) Node's HTTP server takes the
 * constructors it builds requests and responses with (`createServer` options).
 */
export function bornWith<C extends Constructor>(base: C, prototype: object): C {
  function Born(this: object, ...args: never[]): void {
    (base as unknown as (...a: never[]) => void).apply(this, args);
  }
  Born.prototype = prototype;
  return Born as unknown as C;
}

/**
 * Nest's Express platform, with every request and response built with Express's own prototypes.
 *
 * Express gives each incoming request and response its prototype (`app.request`, `app.response`)
 * with `Object.setPrototypeOf` as it arrives. V8 then moves each of those objects to a map of its
 * own, and under load the young generation stops dying young: a third of what was allocated per
 * request was promoted to the old generation, scavenges took three times as long, and
 * mark-compacts ran several times a second. Built with those prototypes already, the objects
 * keep their shared map: `setPrototypeOf` finds nothing to change. Behaviour is Express's own.
 */
export class ExpressPlatform extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    super.initHttpServer(options);
    if (options.httpsOptions || options.forceCloseConnections) return;
    if (!callable(IncomingMessage) || !callable(ServerResponse)) return;
    const app = this.getInstance<Express>();
    this.setHttpServer(
      createServer(
        {
          IncomingMessage: bornWith<typeof IncomingMessage>(IncomingMessage, app.request),
          ServerResponse: bornWith<typeof ServerResponse>(ServerResponse, app.response),
        },
        app,
      ),
    );
  }
}
