import { evaluateGuide } from '../modules/guide/guide.engine.js';
import { evaluationResponse } from '../modules/guide/guide.public.routes.js';
import { currentGuide } from '../modules/guide/guide.versions.service.js';
import { requireDb, UsageError, type CliContext } from './context.js';

/** `vigie guide evaluate '{"answers": {…}}'`: the API's JSON for one path through the guide. */
export async function guideEvaluate(ctx: CliContext): Promise<number> {
  let body: unknown;
  try {
    body = JSON.parse(ctx.positionals[0] ?? '');
  } catch {
    throw new UsageError('guide evaluate : le JSON est illisible.');
  }
  const answers = (body as { answers?: unknown } | null)?.answers;
  if (
    !answers ||
    typeof answers !== 'object' ||
    Array.isArray(answers) ||
    Object.values(answers).some((v) => typeof v !== 'string')
  ) {
    throw new UsageError('guide evaluate : « answers » doit être un objet { "Q_…": "code de réponse" }.');
  }
  const { content } = await currentGuide(requireDb(ctx));
  const [status, response] = evaluationResponse(evaluateGuide(content, answers as Record<string, string>));
  if (status !== 200) throw new UsageError(`guide evaluate : ${JSON.stringify(response)}`);
  ctx.io.out(`${JSON.stringify(response, null, 2)}\n`);
  return 0;
}
