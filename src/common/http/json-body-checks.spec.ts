import { MAX_JSON_DEPTH, checkJsonBody, nestsDeeperThan } from './json-body-checks';
import type { IncomingMessage, ServerResponse } from 'node:http';

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

function refusalOf(body: Buffer, encoding: string | null = 'utf-8'): unknown {
  try {
    checkJsonBody({} as IncomingMessage, {} as ServerResponse, body, encoding);
    return null;
  } catch (error: unknown) {
    return error;
  }
}

describe('JSON body checks', () => {
  it('counts nesting on the bytes, not inside strings', () => {
    expect(nestsDeeperThan(Buffer.from(nested(MAX_JSON_DEPTH)), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(Buffer.from(nested(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH)).toBe(true);
    const quoted = JSON.stringify({ text: '[[[[{{{{ \\" [[[[' });
    expect(nestsDeeperThan(Buffer.from(quoted), 2)).toBe(false);
  });

  it('refuses a body nested 20,000 deep as 400 entity.too.deep', () => {
    expect(refusalOf(Buffer.from(`{"a":${nested(20_000)}}`))).toMatchObject({
      status: 400,
      type: 'entity.too.deep',
    });
  });

  it('refuses bytes that are not UTF-8, and other charsets', () => {
    expect(refusalOf(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]))).toMatchObject({
      status: 400,
      type: 'entity.not.utf8',
    });
    expect(refusalOf(Buffer.from('{}', 'utf16le'), 'utf-16le')).toMatchObject({
      status: 415,
      type: 'charset.unsupported',
    });
  });

  it('lets an ordinary body through', () => {
    expect(refusalOf(Buffer.from('{"name":"Pune – cold store ❄"}'))).toBeNull();
    expect(refusalOf(Buffer.from('{}'), null)).toBeNull();
  });
});
