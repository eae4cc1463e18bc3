import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from 'src/config/configuration';
import { assignRequestId } from 'src/common/http/request-id';

function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/**
 * Structured JSON logs (pino): one line per request with method, path, status, duration and
 * request id. Bodies, query strings (they can carry invitation or reset tokens) and credential
 * headers are never logged.
 */
@Module({
  imports: [
    PinoLoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => {
        const app = config.get('app', { infer: true });
        return {
          pinoHttp: {
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
            },
            redact: {
              paths: [
                'req.headers.authorization',
                'req.headers.cookie',
                'res.headers["set-cookie"]',
              ],
              remove: true,
            },
            ...(app.env === 'development' && process.stdout.isTTY && prettyAvailable()
              ? { transport: { target: 'pino-pretty', options: { singleLine: true } } }
              : {}),
          },
        };
      },
    }),
  ],
})
export class LoggerModule {}
