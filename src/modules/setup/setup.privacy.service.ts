import { FieldValidationError } from '../../errors.js';
import { z } from 'zod';
import type { DbOrTrx } from '../../db/index.js';
import { emailField, parseForm, requiredText, text } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { keysOf } from '../../lib/one-of.js';

/**
 * Who answers for the personal data (the GDPR's « responsable du
 * traitement »): the privacy notice names them, with where to write to use
 * one's rights. Stored in `settings` under `privacy.*`.
 */
export interface PrivacyController {
  name: string;
  address: string;
  email: string;
  /** A data protection officer, when the organisation has one (most committees do not). */
  dpo: string;
}

const KEYS: Record<keyof PrivacyController, string> = {
  name: 'privacy.controller.name',
  address: 'privacy.controller.address',
  email: 'privacy.controller.email',
  dpo: 'privacy.controller.dpo',
};

export async function loadPrivacyController(db: DbOrTrx): Promise<PrivacyController | null> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', Object.values(KEYS))
    .execute();
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const name = byKey.get(KEYS.name);
  if (!name) return null;
  return {
    name,
    address: byKey.get(KEYS.address) ?? '',
    email: byKey.get(KEYS.email) ?? '',
    dpo: byKey.get(KEYS.dpo) ?? '',
  };
}

/** Form field names are prefixed: the page has the organisation's form too. */
const schema = z.object({
  controllerName: requiredText('Responsable du traitement', 200),
  controllerAddress: requiredText('Adresse postale du responsable', 500),
  controllerEmail: emailField(),
  controllerDpo: text('Délégué·e à la protection des données', 300),
});

export async function savePrivacyController(
  db: DbOrTrx,
  body: unknown,
  actorId: number | null,
): Promise<PrivacyController> {
  const parsed = parseForm(schema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  const controller: PrivacyController = {
    name: parsed.data.controllerName,
    address: parsed.data.controllerAddress,
    email: parsed.data.controllerEmail,
    dpo: parsed.data.controllerDpo,
  };
  for (const field of keysOf(KEYS)) {
    const key = KEYS[field];
    const value = controller[field];
    await db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
  await recordAudit(db, { actorId, action: 'setup.privacy', entityType: 'setup' });
  return controller;
}
