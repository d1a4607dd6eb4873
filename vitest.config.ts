import { defineConfig } from 'vitest/config';

// The integration suite runs on PGlite always, and again on PostgreSQL when TEST_DATABASE_URL is set.
// Under CI=true the PostgreSQL run is mandatory: without a URL its tests fail instead of being skipped.
const hasPostgres = Boolean(process.env.TEST_DATABASE_URL) || process.env.CI === 'true';
if (!hasPostgres) {
  console.warn('PostgreSQL project skipped: TEST_DATABASE_URL is not set (set it, or CI=true, to run it).');
}

const unit = ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'];

// Tests read the protocol's TypeScript source, never a stale build, through its "@mcp-studio/source" export
// condition: a name of our own, because packages such as eventsource publish raw TypeScript under "source".
export default defineConfig({
  resolve: { conditions: ['@mcp-studio/source'] },
  ssr: { resolve: { conditions: ['@mcp-studio/source'] } },
  test: {
    server: { deps: { inline: ['@mcp-studio/protocol'] } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'pglite', include: unit, env: { STUDIO_TEST_DB: 'pglite' } } },
      ...(hasPostgres
        ? [
            {
              extends: true,
              test: {
                name: 'postgres',
                include: ['apps/studio/src/**/*.test.ts'],
                env: { STUDIO_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/globalSetup.ts'],
          testTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
