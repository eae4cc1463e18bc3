import { Module } from '@nestjs/common';
import { OpenApiCommand } from './openapi.command';

@Module({ providers: [OpenApiCommand] })
export class OpenApiCliModule {}
