import { MethodNotAllowedException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import express from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { READINGS_BODY_LIMIT, READINGS_PATH } from './cold-chain/readings/readings.controller';
import { answerClientErrors } from './common/http/client-errors';
import { checkJsonBody } from './common/http/json-body-checks';
import { redocRouter } from './common/http/redoc';
import { assignRequestId, REQUEST_ID_HEADER } from './common/http/request-id';
import { createValidationPipe } from './common/validation/validation.pipe';
import type { AppConfig } from './config/configuration';
import { buildOpenApiDocument } from './openapi/openapi-document';

export const BODY_LIMIT = '1mb';
const JSON_TYPES = ['application/json', 'application/*+json'];

/** Everything main.ts and the e2e tests share, so tests exercise the real HTTP platform. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // The client address is the socket's unless TRUST_PROXY names the proxies in front.
  app.set('trust proxy', config.app.trustProxy);

  // Every answer is someone's business data as it is now: no browser or proxy cache keeps it
  // (OWASP: no-store for sensitive responses). So no ETag either, which Express would otherwise
  // compute over every body (a SHA-1 of each page of lots). Static docs assets set their own.
  app.set('etag', false);
  answerClientErrors(app.getHttpServer());
  // The request id comes first, so even a rejected body is answered with one.
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    assignRequestId(req, res);
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(refuseTrace);
  app.use(helmet());
  app.use(
    '/docs',
    helmet({
      contentSecurityPolicy: {
        directives: {
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          fontSrc: ["'self'", 'data:'],
          imgSrc: ["'self'", 'data:'],
          workerSrc: ["'self'", 'blob:'],
        },
      },
    }),
  );
  app.enableCors({
    origin: config.app.corsOrigins,
    credentials: true,
    exposedHeaders: [REQUEST_ID_HEADER, 'X-Total-Count', 'Retry-After', 'Idempotent-Replayed'],
  });
  // Gateways post up to 10,000 readings at once: their route alone takes a larger body.
  app.use(
    READINGS_PATH,
    express.json({ limit: READINGS_BODY_LIMIT, type: JSON_TYPES, verify: checkJsonBody }),
  );
  app.use(
    express.json({
      limit: BODY_LIMIT,
      type: JSON_TYPES,
      verify: checkJsonBody,
    }),
  );
  app.use(express.urlencoded({ limit: BODY_LIMIT, extended: false }));
  app.useGlobalPipes(createValidationPipe());
  setUpOpenApi(app, config);
}

/**
 * TRACE would echo a request, cookies and all, back to whoever sent it
 * (cross-site tracing): no route of the API takes them, and they are answered 405, not 404.
 */
function refuseTrace(
  req: express.Request,
  res: express.Response,
  next: express.NextFunction,
): void {
  if (req.method === 'TRACE') {
    res.setHeader('Allow', 'GET, HEAD, POST, PATCH, DELETE, OPTIONS');
    next(new MethodNotAllowedException('This method is not allowed here.'));
    return;
  }
  next();
}

function setUpOpenApi(app: NestExpressApplication, config: AppConfig): void {
  const document = (): OpenAPIObject => buildOpenApiDocument(app, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: `${config.app.name} API`,
    swaggerOptions: { persistAuthorization: true },
  });
  app.use('/redoc', redocRouter({ title: `${config.app.name} API`, specUrl: '/docs-json' }));
}
