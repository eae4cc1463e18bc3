import { ExpressAdapter } from '@nestjs/platform-express';
import { Client } from 'pg';
import { ExpressPlatform } from './express-platform';
import { PgClient } from './pg-client';

/** Nest's HTTP platform: the shim (ExpressPlatform) unless PERFORMANCE_SHIMS=off. */
export function httpPlatform(shims: boolean): ExpressAdapter {
  return shims ? new ExpressPlatform() : new ExpressAdapter();
}

/** The pg client class the pool builds its connections from: PgClient unless PERFORMANCE_SHIMS=off. */
export function pgClientClass(shims: boolean): typeof Client {
  return shims ? PgClient : Client;
}
