import { plural } from '../../lib/plural.js';
import { requireDb, stringValue, type CliContext } from '../../cli/context.js';
import { describeProblem, verifyChain } from './audit.chain.service.js';

/** `vigie audit verify [--empreinte H]`: 0 when the chain is whole (and holds the noted hash), 1 otherwise. */
export async function auditVerify(ctx: CliContext): Promise<number> {
  const noted = stringValue(ctx, 'empreinte')?.trim();
  const report = await verifyChain(requireDb(ctx), noted || undefined);
  if (!report.ok) {
    ctx.io.err(
      `vigie : journal d’audit altéré — ${report.problem ? describeProblem(report.problem) : 'rupture'}.\n` +
        `${plural(report.entries, { one: 'entrée vérifiée', other: 'entrées vérifiées' })} avant la rupture.\n`,
    );
    return 1;
  }
  ctx.io.out(
    `Journal d’audit intact : ${plural(report.entries, { one: 'entrée chaînée', other: 'entrées chaînées' })}.\nEmpreinte la plus récente : ${report.lastHash}\n`,
  );
  if (report.noted === null) {
    ctx.io.err('vigie : l’empreinte notée ne figure pas dans le journal (mal recopiée, ou journal réécrit depuis).\n');
    return 1;
  }
  if (report.noted) ctx.io.out(`L’empreinte notée est celle de l’entrée n° ${report.noted.id} (${report.noted.at}).\n`);
  return 0;
}
