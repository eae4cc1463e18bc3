import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';

/** What the checks need of an HTTP answer, as supertest (superagent) gives it. */
export interface ObservedResponse {
  status: number;
  type: string;
  headers: Record<string, string | undefined>;
  body: unknown;
  text?: string;
}

interface Route {
  template: string;
  pattern: RegExp;
  /** Fewer parameters first, so /lots/summary wins over /lots/{id}. */
  parameters: number;
}

const JSON_MEDIA = /^application\/(?:[\w.-]+\+)?json$/;
const DOCUMENT_ID = 'openapi.json';

const pointer = (...segments: string[]): string =>
  segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Checks answers against the committed OpenAPI document (which the lint step proves is the one
 * the API serves): the status is documented for the operation, the content type is one it
 * lists, and a JSON body matches its schema. Requests to paths or methods the document does not
 * have (docs pages, unknown routes, CORS preflights) are not the contract's and are not checked.
 */
export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenAPIObject) {
    this.ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema(document, DOCUMENT_ID);
    this.routes = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(
          `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`,
        ),
        parameters: (template.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.parameters - b.parameters);
  }

  static fromFile(path = join(__dirname, '..', '..', 'openapi.json')): OpenApiContract {
    return new OpenApiContract(JSON.parse(readFileSync(path, 'utf8')) as OpenAPIObject);
  }

  /** Why the answer breaks the document, or undefined when it keeps it (or is not its concern). */
  violation(method: string, url: string, response: ObservedResponse): string | undefined {
    const pathname = new URL(url, 'http://localhost').pathname;
    const route = this.routes.find((r) => r.pattern.test(pathname));
    const verb = method.toLowerCase() as 'get';
    const operation: OperationObject | undefined =
      route && this.document.paths[route.template][verb];
    if (!route || !operation) return undefined;
    const where = `${method.toUpperCase()} ${route.template} answered ${response.status}`;
    const documented = (operation.responses[String(response.status)] ??
      operation.responses.default) as ResponseObject | undefined;
    if (!documented) {
      return `${where}, a status the OpenAPI document does not list (${Object.keys(operation.responses).join(', ')})`;
    }
    const hasBody = response.headers['content-length'] !== '0' && response.type !== '';
    if (!hasBody) return undefined;
    const media = response.type;
    const content = documented.content?.[media];
    if (!content) {
      return `${where} with ${media}, which the document does not list (${Object.keys(documented.content ?? {}).join(', ') || 'no body'})`;
    }
    if (!JSON_MEDIA.test(media) || !content.schema) return undefined;
    const validate = this.validator(route.template, verb, String(response.status), media);
    if (validate(response.body)) return undefined;
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`)
      .join('; ');
    return `${where} with a body that does not match its schema: ${errors}`;
  }

  private validator(
    template: string,
    verb: string,
    status: string,
    media: string,
  ): ValidateFunction {
    const ref = `${DOCUMENT_ID}#/${pointer('paths', template, verb, 'responses', status, 'content', media, 'schema')}`;
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, validate);
    }
    return validate;
  }
}
