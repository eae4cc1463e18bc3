import { Header, applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';

/** A route answering ZPL II: plain UTF-8 text, documented as such. */
export const ZplResponse = (): MethodDecorator =>
  applyDecorators(
    Header('Content-Type', 'text/plain; charset=utf-8'),
    ApiProduces('text/plain'),
    ApiOkResponse({ content: { 'text/plain': { schema: { type: 'string' } } } }),
  );
