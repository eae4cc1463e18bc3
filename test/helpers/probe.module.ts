import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { DataSource } from 'typeorm';
import { Public } from 'src/common/http/public.decorator';

class ProbeLineDto {
  @IsInt()
  @Min(1)
  quantity!: number;
}

class ProbeBodyDto {
  @IsString()
  @MinLength(2)
  name!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ProbeLineDto)
  lines!: ProbeLineDto[];
}

/** Test-only routes that exercise the HTTP platform (validation, errors, database failures). */
@Public()
@Controller('__probe')
class ProbeController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Post('echo')
  echo(@Body() body: ProbeBodyDto): ProbeBodyDto {
    return body;
  }

  @Get('boom')
  boom(): never {
    throw new Error('relation "secret_table" does not exist at /srv/app/secret.ts:42');
  }

  /** A query PostgreSQL refuses, quoting the parameter in its message (SQLSTATE 22P02). */
  @Get('bad-integer')
  async badInteger(@Query('value') value: string): Promise<unknown> {
    return this.dataSource.query('SELECT $1::integer AS n', [value]);
  }

  @Get('sleep')
  async sleep(@Query('seconds') seconds = '1'): Promise<{ slept: number }> {
    await this.dataSource.query('SELECT pg_sleep($1)', [Number(seconds)]);
    return { slept: Number(seconds) };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
