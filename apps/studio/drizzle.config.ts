import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './apps/studio/src/platform/db/schema.ts',
  out: './apps/studio/drizzle',
});
