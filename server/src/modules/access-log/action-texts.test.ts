/**
 * "Wie heeft wat bekeken" (N2) shows each audit action in plain words from the web app's texts
 * (accessLog.actions, dots as underscores). This reads every action the server code writes and
 * fails when one that can concern a portal has no Dutch or English text, so that a new action is
 * never shown to a client as a bare code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';

/** Actions that never carry a client: they are about an account or the organisation, not a portal. */
const withoutClient = new Set([
  'auth.device_revoked',
  'auth.device_trusted',
  'auth.login',
  'auth.logout',
  'auth.password_changed',
  'auth.password_ok',
  'auth.password_reset_completed',
  'auth.password_reset_requested',
  'auth.session_ended_by_user',
  'auth.session_expired',
  'auth.sms_limit',
  'auth.sms_sent',
  'auth.sms_verify',
  'helpdesk.request',
  'organisation.created',
  'staff.role_granted',
]);

/** Quoted dotted names in the server code that are not audit actions. */
const notActions = new Set([
  'index.html',
  'kring.lock',
  'mail.send',
  'req.headers.authorization',
  'req.headers.cookie',
]);

/** The quoted dotted names such as 'network.invited' in the server code (tests and comments left out). */
function serverActions(): string[] {
  const root = path.join(projectRoot, 'server/src');
  const found = new Set<string>();
  for (const file of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.startsWith('test')) continue;
    const code = fs.readFileSync(path.join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const match of code.matchAll(/'([a-z_]+\.[a-z_]+(?:\.[a-z_]+)?)'/g)) found.add(match[1]!);
  }
  return [...found].filter((a) => !notActions.has(a)).sort();
}

function actionTexts(language: 'nl' | 'en'): Record<string, string> {
  const file = path.join(projectRoot, `web/src/i18n/parts/access-log.${language}.json`);
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { accessLog: { actions: Record<string, string> } };
  return json.accessLog.actions;
}

describe('the words for every audit action (N2)', () => {
  const actions = serverActions().filter((a) => !withoutClient.has(a));

  it('finds the actions in the code', () => {
    expect(actions).toEqual(expect.arrayContaining(['network.permissions_changed', 'access.denied', 'network.read']));
  });

  it.each(['nl', 'en'] as const)('every action that can concern a portal has a %s text', (language) => {
    const texts = actionTexts(language);
    const missing = actions.filter((a) => !texts[a.replace(/[^a-zA-Z0-9_]/g, '_')]);
    expect(missing).toEqual([]);
  });
});
