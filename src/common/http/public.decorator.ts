import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'is-public-route';

/** Opts a route (or controller) out of the global authentication guard. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
