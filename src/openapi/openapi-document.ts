import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from 'src/config/configuration';
import { GATEWAY_KEY_HEADER, GATEWAY_KEY_SCHEME } from 'src/cold-chain/gateways/gateway-auth';
import { finishDocument } from './finish-document';
import { collectRouteAccess } from './route-access';
import { API_TAGS } from './tags';

/** The OpenAPI document of the API: what /docs-json serves and `cli openapi` writes. */
export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const documentConfig = new DocumentBuilder()
    .setTitle(config.app.name)
    .setDescription(config.app.description)
    .setVersion(config.app.version)
    // Proprietary: the terms of use are the operator's, published with its web app.
    .setLicense(
      'Proprietary; terms of use from the operator of this service',
      config.app.frontendUrl,
    )
    .addOAuth2(
      { type: 'oauth2', flows: { password: { tokenUrl: '/api/auth/login', scopes: {} } } },
      'oauth2',
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: GATEWAY_KEY_HEADER,
        description:
          "A gateway's API key (csg_…), shown once when the gateway is created; only for " +
          'posting sensor readings',
      },
      GATEWAY_KEY_SCHEME,
    )
    .build();
  documentConfig.tags = API_TAGS;
  return finishDocument(SwaggerModule.createDocument(app, documentConfig), collectRouteAccess(app));
}
