import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestEnv } from './harness.js';
import { API_DOC_PATH, apiDescription } from './api-description.js';

describe('the committed API description (docs/openapi.json)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestApp();
  });
  afterAll(async () => env.close());

  it('is what the running app describes', async () => {
    const running = await apiDescription(env.app);
    const committed = await readFile(API_DOC_PATH, 'utf8').catch(() => '');
    // The whole file in an assertion would bury the message; a changed route is found with git diff after regenerating.
    if (running !== committed) {
      expect.fail('docs/openapi.json differs from the routes of the running app: run npm run api:doc and commit the result');
    }
  });
});
