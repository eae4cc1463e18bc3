import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { AppConfig } from 'src/config/configuration';
import { assignRequestId } from 'src/common/http/request-id';
import { serializeError } from './error-serializer';

function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

function pinoHttpOptions(app: AppConfig['app'], pretty: boolean): PinoHttpOptions {
  return {
    level: app.logLevel,
    base: { service: 'coldstore-api' },
    genReqId: (req: IncomingMessage, res: ServerResponse) => assignRequestId(req, res),
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      err: serializeError,
    },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      remove: true,
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
  };
}

/**
 * Structured JSON logs (pino): one line per request with method, path, status, duration and
 * request id. Bodies, query strings (they can carry invitation or reset tokens, or an email
 * searched for) and credential headers are never logged, and errors are logged by kind, code,
 * constraint and stack frames only (see serializeError).
 */
@Module({})
export class LoggerModule {
  /** `destination` replaces stdout (the tests read the log lines from it). */
  static forRoot(destination?: DestinationStream): DynamicModule {
    return {
      module: LoggerModule,
      imports: [
        PinoLoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<AppConfig, true>) => {
            const app = config.get('app', { infer: true });
            const pretty =
              !destination &&
              app.env === 'development' &&
              process.stdout.isTTY &&
              prettyAvailable();
            const options = pinoHttpOptions(app, pretty);
            return { pinoHttp: destination ? [options, destination] : options };
          },
        }),
      ],
    };
  }
}
