import { applyDecorators, StreamableFile, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, getSchemaPath } from '@nestjs/swagger';

/** A report answered as JSON (`model`) by default, or as text/csv with `format=csv`. */
export const ApiJsonOrCsvResponse = (model: Type): MethodDecorator =>
  applyDecorators(
    ApiExtraModels(model),
    ApiProduces('application/json', 'text/csv'),
    ApiOkResponse({
      content: {
        'application/json': { schema: { $ref: getSchemaPath(model) } },
        'text/csv': { schema: { type: 'string' } },
      },
    }),
  );

/** Documents a route answering JSON, CSV or (format=pdf) a PDF. */
export const ApiJsonCsvOrPdfResponse = (model: Type): MethodDecorator =>
  applyDecorators(
    ApiExtraModels(model),
    ApiProduces('application/json', 'text/csv', 'application/pdf'),
    ApiOkResponse({
      content: {
        'application/json': { schema: { $ref: getSchemaPath(model) } },
        'text/csv': { schema: { type: 'string' } },
        'application/pdf': { schema: { type: 'string', format: 'binary' } },
      },
    }),
  );

/** CSV text as a download named `filename`. */
export function csvAttachment(csv: string, filename: string): StreamableFile {
  return new StreamableFile(Buffer.from(csv, 'utf8'), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${filename}"`,
  });
}
