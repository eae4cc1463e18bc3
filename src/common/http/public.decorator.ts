import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'is-public-route';

/** Opts a route (or controller) out of the global authentication guard. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * Opts a route out of user sign-in because a guard of its own authenticates another kind of
 * caller (a gateway's API key); `credential` says which, in the OpenAPI access line.
 */
export const PublicWithCredential = (credential: string): MethodDecorator & ClassDecorator =>
  SetMetadata(IS_PUBLIC, credential);
