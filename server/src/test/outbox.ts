import { desc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db.js';
import { devOutbox } from '../platform/schema.js';

/** The newest message the dev outbox holds for an address or number. */
export async function lastMessageTo(db: Db, to: string) {
  const [row] = await db.select().from(devOutbox).where(eq(devOutbox.to, to)).orderBy(desc(devOutbox.id)).limit(1);
  return row;
}

/** The 6-digit code of the newest SMS to the number, as a person would read it. */
export async function lastSmsCode(db: Db, mobile: string): Promise<string> {
  const sms = await lastMessageTo(db, mobile);
  const code = sms?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no SMS code sent to ${mobile}`);
  return code;
}

/** The link in the newest e-mail to the address, and the token in it. */
export async function lastMailLink(db: Db, email: string): Promise<{ url: string; token: string }> {
  const mail = await lastMessageTo(db, email);
  const url = mail?.body.match(/https?:\/\/\S+/)?.[0];
  const token = url ? new URL(url).searchParams.get('token') : null;
  if (!url || !token) throw new Error(`no link mailed to ${email}`);
  return { url, token };
}
