import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'lib/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Type tests (*.test-d.ts): tsc must report exactly the errors their @ts-expect-error lines expect.
    typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: 'test/types/tsconfig.json' },
    // Each file gets its own table on the one DynamoDB Local; 2 workers fit a 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { LOG_LEVEL: 'SILENT', AWS_REGION: 'us-east-1' },
  },
});
