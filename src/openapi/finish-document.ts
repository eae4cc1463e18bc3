import { STATUS_CODES } from 'node:http';
import type {
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, problem } from 'src/common/http/problem-details';
import { describeAccess, type RouteAccess } from './route-access';

const PROBLEM_SCHEMA = { $ref: '#/components/schemas/ProblemDetailsDto' };
const EXAMPLE_REQUEST_ID = '6f1c9a52-3b7e-4d0a-8c15-2e9b7d4f0a63';
const EXAMPLE_ID = '3d6f2a7e-8b41-4c5d-9e0f-1a2b3c4d5e6f';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** What each error answers, described and exemplified as the API really words it. */
const ERRORS: Partial<Record<number, { description: string; detail: string; errors?: boolean }>> = {
  400: {
    description: 'The body is not valid JSON, not UTF-8, or nests deeper than 32 levels',
    detail: 'The request body is not valid JSON.',
  },
  401: {
    description: 'Missing, invalid or expired access token',
    detail: 'Authentication is required.',
  },
  403: {
    description: 'Signed in, but without the permission this route needs',
    detail: 'You do not have permission to perform this action.',
  },
  404: {
    description: 'Not found, or outside your scope (the two are not told apart)',
    detail: 'The requested resource was not found.',
  },
  409: {
    description: 'Conflicts with the current state',
    detail: 'The request conflicts with the current state of the resource.',
  },
  413: {
    description: 'The body is larger than 1 MB',
    detail: 'The request body is larger than the 1 MB limit.',
  },
  415: {
    description: 'A body was sent that is not JSON (Content-Type: application/json)',
    detail: 'The request body must be JSON (Content-Type: application/json).',
  },
  422: {
    description: 'Validation failed; `errors` names each field',
    detail: 'Validation failed: quantity must be an integer.',
    errors: true,
  },
  429: {
    description: 'Too many attempts; retry after the seconds in Retry-After',
    detail: 'Too many requests. Please retry later.',
  },
  431: {
    description: 'The request headers are larger than 16 KB',
    detail: 'The request headers are too large.',
  },
  500: {
    description: 'An unexpected server error; nothing was changed',
    detail: 'An unexpected error occurred.',
  },
  503: {
    description: 'The database is unavailable; retry later',
    detail: 'The service is temporarily unavailable. Please retry shortly.',
  },
};

/** Answers any route may give: a malformed, oversized or non-JSON body, huge headers, a fault. */
const ANY_ROUTE = [400, 413, 415, 431, 500];
/** Routes that never touch the database (liveness) cannot answer 503. */
const WITHOUT_DATABASE = new Set(['HealthController_live']);

/** The row a path names by id, as its 404 names it: /api/billing/rate-cards/{id} → "Rate card". */
function resourceOf(path: string): string | undefined {
  const named = /\/([a-z-]+)\/\{[^}]+\}(?!.*\{)/.exec(path)?.[1];
  if (!named) return undefined;
  const singular = named.replace(/ies$/, 'y').replace(/s$/, '').replace(/-/g, ' ');
  return singular.charAt(0).toUpperCase() + singular.slice(1);
}

function errorExample(status: number, path: string): object {
  const { detail, errors } = ERRORS[status] ?? { detail: STATUS_CODES[status] ?? 'Error' };
  const resource = status === 404 ? resourceOf(path) : undefined;
  return problem(status, resource ? `${resource} not found.` : detail, {
    instance: path.replace(/\{[^}]+\}/g, EXAMPLE_ID),
    request_id: EXAMPLE_REQUEST_ID,
    ...(errors ? { errors: [{ field: 'quantity', message: 'quantity must be an integer' }] } : {}),
  });
}

function finishResponses(operation: OperationObject, path: string): void {
  const responses = operation.responses as Partial<Record<string, ResponseObject>>;
  const statuses = new Set([
    ...Object.keys(responses).map(Number),
    ...ANY_ROUTE,
    ...(WITHOUT_DATABASE.has(operation.operationId ?? '') ? [] : [503]),
  ]);
  const finished: Record<string, ResponseObject> = {};
  for (const status of [...statuses].sort((a, b) => a - b)) {
    const response: ResponseObject = responses[status] ?? { description: '' };
    if (status >= 400) {
      response.description ||= ERRORS[status]?.description ?? STATUS_CODES[status] ?? 'Error';
      response.content = {
        [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_SCHEMA, example: errorExample(status, path) },
      };
      if (status === 429) {
        response.headers = {
          'Retry-After': {
            description: 'Seconds to wait before trying again',
            schema: { type: 'integer', minimum: 1 },
          },
        };
      }
    } else {
      response.description ||= STATUS_CODES[status] ?? 'Success';
    }
    finished[status] = response;
  }
  operation.responses = finished;
}

function isReference(schema: SchemaObject | ReferenceObject): schema is ReferenceObject {
  return '$ref' in schema;
}

function schemaName(reference: ReferenceObject): string {
  return reference.$ref.replace('#/components/schemas/', '');
}

/** Request bodies refuse fields they do not declare (422), so their schemas say so. */
function closeRequestSchemas(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const closed = new Set<string>();
  const close = (schema: SchemaObject | ReferenceObject | undefined): void => {
    if (!schema) return;
    if (isReference(schema)) {
      const name = schemaName(schema);
      if (closed.has(name)) return;
      closed.add(name);
      close(schemas[name]);
      return;
    }
    if (schema.type === 'object' || schema.properties) {
      schema.additionalProperties = false;
      Object.values(schema.properties ?? {}).forEach(close);
    }
    close(schema.items);
    [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].forEach(close);
  };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const body = item[method]?.requestBody;
      if (body && !('$ref' in body)) {
        for (const media of Object.values(body.content)) close(media.schema);
      }
    }
  }
}

/**
 * Nest wraps references in a one-item `allOf` to carry siblings such as `nullable`, which
 * linters rightly call illogical, and which (by OpenAPI 3.0.3) does not even admit null: a plain
 * `$ref` serves, and a nullable one is "the referenced schema, or null".
 */
function simplifyReferences(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const visit = (schema: SchemaObject): void => {
    const properties = schema.properties ?? {};
    for (const [key, property] of Object.entries(properties)) {
      if (isReference(property)) continue;
      const only = property.allOf?.length === 1 ? property.allOf[0] : undefined;
      if (only && isReference(only)) {
        const target = schemas[schemaName(only)] as SchemaObject | ReferenceObject | undefined;
        const type = target && !isReference(target) ? target.type : undefined;
        properties[key] = property.nullable
          ? {
              description: property.description,
              anyOf: [only, { type: type ?? 'object', nullable: true, enum: [null] }],
            }
          : only;
      } else {
        visit(property);
      }
    }
    if (schema.items && !isReference(schema.items)) visit(schema.items);
  };
  Object.values(schemas).forEach((schema) => {
    if (!isReference(schema)) visit(schema);
  });
}

/**
 * Completes what Nest's generator leaves out, so the document states the API exactly: every
 * error as problem details with an example of its own, who may call each operation, public
 * routes without security, closed request bodies and one server.
 */
export function finishDocument(
  document: OpenAPIObject,
  access: ReadonlyMap<string, RouteAccess>,
): OpenAPIObject {
  document.servers = [{ url: '/', description: 'The server this document is served from' }];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const rule = access.get(operation.operationId ?? '');
      if (rule) {
        operation.description = [operation.description, describeAccess(rule)]
          .filter(Boolean)
          .join('\n\n');
        // A route with a credential of its own keeps the security its decorators declare.
        if (rule.public && !rule.credential) operation.security = [];
      }
      finishResponses(operation, path);
    }
  }
  closeRequestSchemas(document);
  simplifyReferences(document);
  return document;
}
