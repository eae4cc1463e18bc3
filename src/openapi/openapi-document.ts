import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from 'src/config/configuration';

/** The OpenAPI document of the API: what /docs-json serves and `cli openapi` writes. */
export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const documentConfig = new DocumentBuilder()
    .setTitle(config.app.name)
    .setDescription(config.app.description)
    .setVersion(config.app.version)
    .addOAuth2(
      { type: 'oauth2', flows: { password: { tokenUrl: '/api/auth/login', scopes: {} } } },
      'oauth2',
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  return SwaggerModule.createDocument(app, documentConfig);
}
