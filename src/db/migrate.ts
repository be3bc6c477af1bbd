import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration';
import type { Database } from './schema.js';
import * as m20261123000000 from './migrations/20261123000000_initial.js';
import * as m20261123020000 from './migrations/20261123020000_guide_versions.js';
import * as m20261123030000 from './migrations/20261123030000_reports_imports.js';
import * as m20261123050000 from './migrations/20261123050000_public_content.js';
import * as m20261123040000 from './migrations/20261123040000_public_manifesto.js';
import * as m20261123060000 from './migrations/20261123060000_requests_updated_index.js';
import * as m20261127120000 from './migrations/20261127120000_scheduler.js';
import * as m20261127130000 from './migrations/20261127130000_second_factor.js';
import * as m20261127130100 from './migrations/20261127130100_audit_chain.js';
import * as m20261127130200 from './migrations/20261127130200_consent_ledger.js';
import * as m20261127130300 from './migrations/20261127130300_visit_salt.js';
import * as m20261127140000 from './migrations/20261127140000_rate_limit_counters.js';
import * as m20261127120100 from './migrations/20261127120100_board_meetings.js';
import * as m20261127120200 from './migrations/20261127120200_helpline_rota.js';
import * as m20261127120300 from './migrations/20261127120300_calendar_tokens.js';
import * as m20261127110000 from './migrations/20261127110000_report_counting_rules.js';
import * as m20261127110100 from './migrations/20261127110100_report_plan.js';
import * as m20261127160000 from './migrations/20261127160000_invitations.js';
import * as m20261127160100 from './migrations/20261127160100_newsletter_issues.js';
import * as m20261127184000 from './migrations/20261127184000_request_notices.js';
import * as m20261127185000 from './migrations/20261127185000_plenary.js';

/** Static list: works the same from `src/` (tsx) and from the compiled `dist/`. */
const migrations: Record<string, Migration> = {
  '20261123000000_initial': m20261123000000,
  '20261123020000_guide_versions': m20261123020000,
  '20261123030000_reports_imports': m20261123030000,
  '20261123050000_public_content': m20261123050000,
  '20261123040000_public_manifesto': m20261123040000,
  '20261123060000_requests_updated_index': m20261123060000,
  '20261127120000_scheduler': m20261127120000,
  '20261127130000_second_factor': m20261127130000,
  '20261127130100_audit_chain': m20261127130100,
  '20261127130200_consent_ledger': m20261127130200,
  '20261127130300_visit_salt': m20261127130300,
  '20261127140000_rate_limit_counters': m20261127140000,
  '20261127120100_board_meetings': m20261127120100,
  '20261127120200_helpline_rota': m20261127120200,
  '20261127120300_calendar_tokens': m20261127120300,
  '20261127110000_report_counting_rules': m20261127110000,
  '20261127110100_report_plan': m20261127110100,
  '20261127160000_invitations': m20261127160000,
  '20261127160100_newsletter_issues': m20261127160100,
  '20261127184000_request_notices': m20261127184000,
  '20261127185000_plenary': m20261127185000,
};

/** The names of the migrations this version of Vigie knows (a backup from a newer one is refused). */
export function knownMigrations(): string[] {
  return Object.keys(migrations);
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  // Work lands from parallel branches: a migration merged later may carry an
  // earlier timestamp than one a database already ran. Each migration touches
  // its own tables, so running the missing ones in name order is safe.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new MigrationError(
      `La migration ${failed?.migrationName ?? '?'} a échoué : ${result.error instanceof Error ? result.error.message : String(result.error)}`,
    );
  }
  return result;
}
