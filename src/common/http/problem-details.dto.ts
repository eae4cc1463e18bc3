import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldErrorDto {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ example: 'email must be an email' })
  message!: string;
}

/** RFC 9457 problem details, as documented in OpenAPI. */
export class ProblemDetailsDto {
  @ApiProperty({
    example: 'about:blank',
    description: 'A URI naming the kind of problem; about:blank means the status says it all',
  })
  type!: string;

  @ApiProperty({ example: 'Unprocessable Entity' })
  title!: string;

  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 422 })
  status!: number;

  @ApiProperty({ example: 'Validation failed: email must be an email.' })
  detail!: string;

  @ApiPropertyOptional({ example: '/api/admin/invitations' })
  instance?: string;

  @ApiPropertyOptional({
    example: '0f8e7c2a-5d1b-4a8e-9a43-0c8d2f7e1b11',
    description: 'The X-Request-Id of the request, to quote when reporting a problem',
  })
  request_id?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
