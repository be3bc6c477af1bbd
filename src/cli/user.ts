import { parseRoles } from '../lib/roles.js';
import { createUser, DuplicateEmailError } from '../modules/auth/auth.service.js';
import { issueResetToken } from '../modules/auth/auth.password-links.service.js';
import { newUserSchema } from '../modules/auth/auth.users.schemas.js';
import { requireDb, stringValue, UsageError, type CliContext } from './context.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** `vigie user add --email E --role R [--name N] [--password-stdin]`. */
export async function userAdd(ctx: CliContext): Promise<number> {
  const email = stringValue(ctx, 'email');
  const role = stringValue(ctx, 'role');
  const name = stringValue(ctx, 'name');
  if (!email || !role)
    throw new UsageError(
      'user add : --email et --role sont obligatoires (ex. vigie user add --email marie@exemple.be --role board).',
    );
  const roles = role.split(',').map((r) => r.trim());
  const parsed = newUserSchema.safeParse({ email, roles, displayName: name ?? email.split('@')[0] });
  if (!parsed.success || parseRoles(role).length !== roles.length) {
    const messages = parsed.success
      ? ['--role : rôle inconnu (board, admin ou admin,board).']
      : parsed.error.issues.map(
          (i) =>
            `--${i.path[0] === 'displayName' ? 'name' : i.path[0] === 'roles' ? 'role' : String(i.path[0])} : ${i.message}`,
        );
    throw new UsageError(messages.join('\n'));
  }
  let password: string | undefined;
  if (ctx.values['password-stdin'] === true) {
    password = await readStdin();
    if (password.length < 12) throw new UsageError('Mot de passe : au moins 12 caractères.');
  }
  const db = requireDb(ctx);
  let id: number;
  try {
    id = await createUser(db, { ...parsed.data, password }, null);
  } catch (error) {
    if (error instanceof DuplicateEmailError) throw new UsageError(`--email : ${error.message}`);
    throw error;
  }
  ctx.io.out(`Compte créé (n° ${id}, rôles : ${parsed.data.roles.join(', ')}).\n`);
  if (!password) {
    const token = await issueResetToken(db, id);
    const base = ctx.config.publicUrl;
    ctx.io.out(
      `Lien pour choisir le mot de passe (valable 7 jours, une fois) :\n  ${base}/reinitialiser?jeton=${token}\n`,
    );
  }
  return 0;
}
