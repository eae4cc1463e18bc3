import { CONTROLLER_WATERMARK, PATH_METADATA } from '@nestjs/common/constants';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { API_TAGS } from './tags';

/** Where @ApiTags keeps its tags (@nestjs/swagger does not export its metadata keys). */
const API_TAGS_METADATA = 'swagger/apiUseTags';
const SOURCE_ROOT = join(__dirname, '..');

type ControllerClass = abstract new (...args: never[]) => unknown;

/** Every @Controller class exported by a `*.controller.ts` file of the application. */
async function controllerClasses(): Promise<ControllerClass[]> {
  const files = readdirSync(SOURCE_ROOT, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.controller.ts'),
  );
  const classes: ControllerClass[] = [];
  for (const file of files) {
    const exports: Record<string, unknown> = await import(join(SOURCE_ROOT, file));
    for (const value of Object.values(exports)) {
      if (typeof value === 'function' && Reflect.getMetadata(CONTROLLER_WATERMARK, value) === true)
        classes.push(value as ControllerClass);
    }
  }
  return classes;
}

/** The tags of each route handler: its own @ApiTags, else its controller's. */
function routeTags(controller: ControllerClass): { route: string; tags: string[] }[] {
  const classTags =
    (Reflect.getMetadata(API_TAGS_METADATA, controller) as string[] | undefined) ?? [];
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .filter((name) => name !== 'constructor' && typeof prototype[name] === 'function')
    .filter((name) => Reflect.getMetadata(PATH_METADATA, prototype[name] as object) !== undefined)
    .map((name) => ({
      route: `${controller.name}.${name}`,
      tags:
        (Reflect.getMetadata(API_TAGS_METADATA, prototype[name] as object) as
          string[] | undefined) ?? classTags,
    }));
}

describe('API_TAGS, the tags of the OpenAPI document', () => {
  let routes: { route: string; tags: string[] }[];

  beforeAll(async () => {
    const controllers = await controllerClasses();
    expect(controllers.length).toBeGreaterThan(0);
    routes = controllers.flatMap(routeTags);
  });

  it('gives every route at least one tag', () => {
    expect(routes.filter((r) => r.tags.length === 0).map((r) => r.route)).toEqual([]);
  });

  it('lists every tag a route uses', () => {
    const listed = new Set(API_TAGS.map((tag) => tag.name));
    const unlisted = routes.flatMap((r) => r.tags.filter((tag) => !listed.has(tag)));
    expect([...new Set(unlisted)]).toEqual([]);
  });

  it('lists only tags some route uses, each once and described', () => {
    const used = new Set(routes.flatMap((r) => r.tags));
    const names = API_TAGS.map((tag) => tag.name);
    expect(names.filter((name) => !used.has(name))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
    expect(API_TAGS.filter((tag) => tag.description.trim() === '')).toEqual([]);
  });
});
