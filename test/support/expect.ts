import { expect } from 'vitest';

/**
 * Checks that `response` is an expected failure as CONTRACTS.md shapes it: HTTP `status` with a body of
 * the stable `code`, a message for people and `details` for programs.
 */
export function expectError(
  response: { statusCode: number; json(): unknown },
  status: number,
  code: string,
): void {
  expect({ status: response.statusCode, body: response.json() }).toEqual({
    status,
    body: { code, message: expect.any(String), details: expect.any(Object) },
  });
}
