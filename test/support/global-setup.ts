// vitest globalSetup: one PostgreSQL server for the whole run; tests read its superuser URL with
// `inject('pgAdminUrl')` and make their own database with createTestDatabase().
// A failure to start fails the run with the reason (no silent skipping).
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './postgres.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestPostgres();
  project.provide('pgAdminUrl', server.url);
  return () => server.stop();
}
