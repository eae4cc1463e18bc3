import { Test } from 'supertest';
import { OpenApiContract, type ObservedResponse } from './openapi-contract';

/**
 * Every answer an e2e test receives through supertest is checked against the OpenAPI document:
 * one the document does not describe fails the request, and with it the test.
 */
const contract = OpenApiContract.fromFile();

type Assert = (
  this: Test,
  error: Error | null,
  response: ObservedResponse | undefined,
  callback?: (this: Test, error: Error | null, response: unknown) => void,
) => void;

const prototype = Test.prototype as unknown as { assert: Assert; method: string; url: string };
const assert = prototype.assert;

prototype.assert = function checked(
  this: Test & { method: string; url: string },
  error,
  response,
  callback,
) {
  const violation = response && contract.violation(this.method, this.url, response);
  if (!violation || !callback) {
    assert.call(this, error, response, callback);
    return;
  }
  assert.call(this, error, response, function (this: Test, first, received) {
    callback.call(this, first ?? new Error(`OpenAPI contract: ${violation}`), received);
  });
};
