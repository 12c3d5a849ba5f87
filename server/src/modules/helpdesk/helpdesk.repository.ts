import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import { helpdeskRequests, organisations } from '../../platform/schema.js';

export async function listOrganisations(db: DbOrTx) {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations);
}

export async function findOrganisation(db: DbOrTx, organisationId: string) {
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name, helpdeskEmail: organisations.helpdeskEmail })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .limit(1);
  return row;
}

export async function insertRequest(db: DbOrTx, values: typeof helpdeskRequests.$inferInsert) {
  const [row] = await db.insert(helpdeskRequests).values(values).returning({ id: helpdeskRequests.id });
  return row!;
}
