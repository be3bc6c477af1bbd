import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { parseForm, str } from '../../web/validation.js';
import { yearSchema } from '../figures/figures.service.js';
import { COUNTING_RULES, isCountingRule } from './reports.counting.js';
import { REPORT_ACCESS } from './reports.policy.js';
import { saveCountingRule } from './reports.edit.service.js';
import { listCountingRules } from './reports.queries.js';
import { CountingRulesPage } from './reports.settings.views.js';
import { parseSpan } from './reports.span.js';
import { signedInUser } from '../../web/route-params.js';

const access = { access: REPORT_ACCESS };

const ruleSchema = z.object({
  fromYear: yearSchema,
  rule: z.preprocess((v) => str(v), z.string().refine(isCountingRule, 'Règle : choisissez une des règles proposées.')),
});

/** The report's settings: the dated counting rule. */
export async function reportSettingsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.get<{ Params: { span: string } }>('/bureau/rapport/:span/regle', { config: access }, async (request, reply) => {
    const s = parseSpan(request.params.span);
    const rules = await listCountingRules(db);
    return sendHtml(
      reply,
      <CountingRulesPage
        ctx={viewContext(request, reply)}
        years={s.years}
        base={s.base}
        rules={rules}
        values={{ fromYear: String(s.years[0]), rule: 'received' }}
      />,
    );
  });

  app.post<{ Params: { span: string }; Body: Record<string, unknown> }>(
    '/bureau/rapport/:span/regle',
    { config: access },
    async (request, reply) => {
      const s = parseSpan(request.params.span);
      const parsed = parseForm(ruleSchema, request.body);
      if (!parsed.ok)
        return sendHtml(
          reply,
          <CountingRulesPage
            ctx={viewContext(request, reply)}
            years={s.years}
            base={s.base}
            rules={await listCountingRules(db)}
            values={{ fromYear: str(request.body?.fromYear), rule: str(request.body?.rule) }}
            errors={parsed.errors}
          />,
          400,
        );
      const { fromYear, rule } = parsed.data;
      if (!isCountingRule(rule)) throw new Error('rule checked by the schema');
      const actor = signedInUser(request);
      await saveCountingRule(db, fromYear, rule, actor.id);
      setFlash(reply, `Règle enregistrée : à partir de ${fromYear}, ${COUNTING_RULES[rule].label.toLowerCase()}.`);
      return reply.redirect(`${s.base}#chiffres`, 303);
    },
  );
}
