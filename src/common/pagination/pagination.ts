import {
  applyDecorators,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { QueryIntField } from 'src/common/validation/fields';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
/** PostgreSQL's integer range: far past any list, and well inside OFFSET's bigint. */
export const MAX_SKIP = 2_147_483_647;

/** `?skip=&limit=` on every list. */
export class PaginationQueryDto {
  @QueryIntField({
    optional: true,
    min: 0,
    max: MAX_SKIP,
    description: 'Rows to skip (decimal digits)',
    example: 0,
  })
  skip = 0;

  @QueryIntField({
    optional: true,
    min: 1,
    max: MAX_LIMIT,
    description: `Rows to return, 1 to ${MAX_LIMIT} (decimal digits)`,
    example: DEFAULT_LIMIT,
  })
  limit = DEFAULT_LIMIT;
}

/**
 * What a service returns for a list: one page and the total across pages. A list read by keyset
 * (`after=`) leaves the total out (counting every row would grow with the table) and gives the
 * cursor of the next page when this one is full.
 */
export interface Page<T> {
  items: T[];
  total?: number;
  next?: string;
}

/**
 * Lists answer a JSON array (the first version's shape), the total in X-Total-Count and, where
 * the list reads by keyset, the next page's cursor in X-Next-Cursor.
 */
@Injectable()
class PageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<Page<unknown>>): Observable<unknown[]> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((page) => {
        if (page.total !== undefined) response.setHeader('X-Total-Count', String(page.total));
        if (page.next !== undefined) response.setHeader('X-Next-Cursor', page.next);
        return page.items;
      }),
    );
  }
}

export const Paginated = (
  itemType: new () => unknown,
  options: { keyset?: boolean } = {},
): MethodDecorator =>
  applyDecorators(
    UseInterceptors(PageInterceptor),
    ApiOkResponse({
      type: itemType,
      isArray: true,
      headers: {
        'X-Total-Count': {
          description: options.keyset
            ? 'Rows across all pages (left out when the page was read with after=)'
            : 'Rows across all pages',
          schema: { type: 'integer' },
        },
        ...(options.keyset
          ? {
              'X-Next-Cursor': {
                description: 'When the page is full: pass it as after= for the next page',
                schema: { type: 'string' },
              },
            }
          : {}),
      },
    }),
    ApiHeader({
      name: 'X-Request-Id',
      required: false,
      description: 'Echoed back; generated when absent',
    }),
  );
