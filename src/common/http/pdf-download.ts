import { StreamableFile, applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';

/** A PDF answered as an attachment with its file name. */
export function pdfDownload(content: Buffer, filename: string): StreamableFile {
  return new StreamableFile(content, {
    type: 'application/pdf',
    disposition: `attachment; filename="${filename}"`,
    length: content.length,
  });
}

/** Documents a route answering a PDF (binary application/pdf). */
export const ApiPdfResponse = (): MethodDecorator =>
  applyDecorators(
    ApiProduces('application/pdf'),
    ApiOkResponse({
      content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    }),
  );
