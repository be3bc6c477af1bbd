import type { Db, DbOrTrx } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { ActivityReport } from './reports.model.js';

/**
 * The organisation's logo, printed on the report's cover (PDF and DOCX).
 * One picture, PNG or JPEG, kept in `settings` (key `report.logo`) as
 * base64: the same on SQLite and PostgreSQL, and small.
 */
export type Logo = NonNullable<ActivityReport['logo']>;

const LOGO_KEY = 'report.logo';
export const MAX_LOGO_BYTES = 300 * 1024;

export class LogoInvalidError extends AppError {
  constructor(message: string) {
    super('LOGO_INVALID', message);
  }
}

/** The picture's type from its first bytes (never from its name). */
function logoType(data: Buffer): Logo['contentType'] | null {
  if (data.length > 24 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  return null;
}

/** The logo as it will be stored; a French message when the file cannot be one. */
export function checkLogo(data: Buffer): Logo {
  if (data.length === 0) throw new LogoInvalidError('Choisissez une image PNG ou JPEG.');
  if (data.length > MAX_LOGO_BYTES)
    throw new LogoInvalidError(
      `Le logo dépasse ${MAX_LOGO_BYTES / 1024} Ko (il en fait ${Math.ceil(data.length / 1024)}) : réduisez l'image.`,
    );
  const contentType = logoType(data);
  if (!contentType) throw new LogoInvalidError("Ce fichier n'est pas une image PNG ou JPEG.");
  return { contentType, base64: data.toString('base64') };
}

export async function loadLogo(db: DbOrTrx): Promise<Logo | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', LOGO_KEY).executeTakeFirst();
  if (!row) return null;
  const data = Buffer.from(row.value.slice(row.value.indexOf(',') + 1), 'base64');
  const contentType = logoType(data);
  return contentType ? { contentType, base64: data.toString('base64') } : null;
}

/** Replaces the logo (or removes it with `null`), audited, in one transaction. */
export async function saveLogo(db: Db, logo: Logo | null, actorId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('settings').where('key', '=', LOGO_KEY).execute();
    if (logo)
      await trx
        .insertInto('settings')
        .values({ key: LOGO_KEY, value: `${logo.contentType},${logo.base64}` })
        .execute();
    await recordAudit(trx, {
      actorId,
      action: 'report.logo',
      entityType: 'report',
      summary: logo ? `logo enregistré (${logo.contentType})` : 'logo retiré',
    });
  });
}
