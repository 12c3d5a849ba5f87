import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and applied by the server at start (server/src/platform/db.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/platform/schema.ts',
  out: './server/drizzle',
});
