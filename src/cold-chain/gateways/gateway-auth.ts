import {
  applyDecorators,
  createParamDecorator,
  Injectable,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { ProblemDetailsDto } from 'src/common/http/problem-details.dto';
import { PublicWithCredential } from 'src/common/http/public.decorator';
import { GatewaysService, type AuthenticatedGateway } from './gateways.service';

export const GATEWAY_KEY_HEADER = 'X-Api-Key';
export const GATEWAY_KEY_SCHEME = 'gateway-key';

type GatewayRequest = Request & { gateway?: AuthenticatedGateway };

/** Lets in a request carrying an active gateway's key; 401 problem otherwise. */
@Injectable()
export class GatewayKeyGuard implements CanActivate {
  constructor(private readonly gateways: GatewaysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const header = request.headers[GATEWAY_KEY_HEADER.toLowerCase()];
    request.gateway = await this.gateways.authenticate(
      typeof header === 'string' ? header : undefined,
    );
    return true;
  }
}

/**
 * A route for gateways, not users: no user token, but a gateway's API key in X-Api-Key. States
 * the access in one place, as @RequirePermissions does for user routes, OpenAPI included.
 */
export const GatewayAuthenticated = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    PublicWithCredential(`a gateway's API key in the ${GATEWAY_KEY_HEADER} header`),
    UseGuards(GatewayKeyGuard),
    ApiSecurity(GATEWAY_KEY_SCHEME),
    ApiUnauthorizedResponse({
      description: 'Missing, unknown or revoked gateway API key',
      type: ProblemDetailsDto,
    }),
  );

/** The gateway GatewayKeyGuard authenticated. */
export const CurrentGateway = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedGateway => {
    const gateway = context.switchToHttp().getRequest<GatewayRequest>().gateway;
    if (!gateway) throw new Error('CurrentGateway used on a route without GatewayAuthenticated');
    return gateway;
  },
);
