import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ECONOMY_ERROR_CODES } from '../economy/index.js';
import { MALL_ERROR_STATUS } from './errors.js';

const page = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'errors.md'), 'utf8');

describe('error codes', () => {
  it('are all listed in docs/errors.md with their HTTP status', () => {
    for (const [code, status] of Object.entries(MALL_ERROR_STATUS))
      expect(page, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
  });
  it('keep the economy codes the same status in the API as in the docs', () => {
    for (const code of ECONOMY_ERROR_CODES) {
      expect(page, code).toContain(`\`${code}\``);
      if (code in MALL_ERROR_STATUS) {
        const status = MALL_ERROR_STATUS[code as keyof typeof MALL_ERROR_STATUS];
        expect(page, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
      }
    }
  });
});
