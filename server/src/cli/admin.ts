/**
 * npm run admin -- <command> [--flag value …]: set up an organisation and its portals from the
 * command line (see `usage` in admin-commands.ts). On the embedded database the server must be
 * stopped first; on PostgreSQL it may keep running.
 */
import { parseArgs } from 'node:util';
import { exitWithError, loadConfigOrExit, startKring } from '../bootstrap.js';
import { AppError } from '../platform/errors.js';
import * as commands from './admin-commands.js';

const handlers: Record<
  string,
  (ctx: Parameters<typeof commands.listOrganisations>[0], flags: commands.Flags) => Promise<string>
> = {
  'list-organisations': (ctx) => commands.listOrganisations(ctx),
  'create-organisation': commands.createOrganisation,
  'create-department': commands.createDepartment,
  'create-admin': commands.createAdmin,
  'create-portal': commands.createPortalCommand,
  invite: commands.inviteCommand,
};

const [command, ...rest] = process.argv.slice(2);
const handler = command ? handlers[command] : undefined;
if (!handler) {
  console.error(commands.usage);
  process.exit(command ? 1 : 0);
}

let flags: commands.Flags;
try {
  const options = Object.fromEntries(commands.flagNames.map((name) => [name, { type: 'string' as const }]));
  flags = parseArgs({ args: rest, options, strict: true, allowPositionals: false }).values as commands.Flags;
} catch (err) {
  console.error(`${(err as Error).message}\n\n${commands.usage}`);
  process.exit(1);
}

const config = loadConfigOrExit();
const kring = await startKring({ ...config, seedDemoData: false }, { schedules: false }).catch(exitWithError);
let code = 0;
try {
  console.log(await handler(kring.app.ctx, flags));
} catch (err) {
  code = 1;
  if (err instanceof commands.UsageError) console.error(`${err.message}\n\n${commands.usage}`);
  else if (err instanceof AppError) {
    console.error(
      `${err.message}${err.details ? ` (${err.details.map((d) => `${d.field}: ${d.message}`).join('; ')})` : ''}`,
    );
  } else console.error(err);
} finally {
  await kring.close();
}
process.exit(code);
