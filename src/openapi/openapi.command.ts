import { writeFile } from 'node:fs/promises';
import { Inject } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Command, CommandRunner, Option } from 'nest-commander';
import { AppModule } from 'src/app.module';
import { httpPlatform } from 'src/performance/shims';
import { APP_CONFIG } from 'src/config/app-config.module';
import type { AppConfig } from 'src/config/configuration';
import { buildOpenApiDocument } from './openapi-document';

interface OpenApiOptions {
  out?: string;
}

/** Writes the document /docs-json serves, from the routes alone: no database is needed. */
@Command({
  name: 'openapi',
  description: 'Write the OpenAPI document of the API (to --out, or to stdout)',
})
export class OpenApiCommand extends CommandRunner {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async run(_args: string[], options: OpenApiOptions): Promise<void> {
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config: this.config, databaseUrl: null }),
      httpPlatform(this.config.app.performanceShims),
      { logger: false, abortOnError: false },
    );
    try {
      const json = `${JSON.stringify(buildOpenApiDocument(app, this.config), null, 2)}\n`;
      if (options.out) await writeFile(options.out, json);
      else process.stdout.write(json);
    } finally {
      await app.close();
    }
  }

  @Option({ flags: '--out <file>', description: 'where to write the document (JSON)' })
  parseOut(value: string): string {
    return value;
  }
}
