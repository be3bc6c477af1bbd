import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv, type AppConfig } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { oneProcessAtATime } from './db/startup-lock.js';
import { loadOrCreateKey, Vault } from './lib/vault.js';
import { parseRoles } from './modules/auth/auth.policy.js';
import { createUser, DuplicateEmailError, issueResetToken } from './modules/auth/auth.service.js';
import { newUserSchema } from './modules/auth/auth.users.schemas.js';
import { fillDemo } from './modules/demo/demo.service.js';
import { ensureDefaultTaxonomy } from './modules/taxonomy/taxonomy.service.js';
import { evaluateGuide } from './modules/guide/guide.engine.js';
import { evaluationResponse } from './modules/guide/guide.public.routes.js';
import { currentGuide, ensureGuideContent } from './modules/guide/guide.store.js';
import {
  exportTaxonomy,
  importSummary,
  importTaxonomy,
  parseTaxonomyYaml,
  TaxonomyImportError,
} from './modules/taxonomy/taxonomy.yaml.js';
import { startServer } from './server.js';
import { reportCommand } from './modules/reports/reports.cli.js';
import { importRequestsCommand } from './modules/imports/imports.cli.js';
import { figuresCommand } from './modules/figures/figures.cli.js';

/** A command-line mistake: message on stderr, exit code 2. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

const HELP = `Utilisation : vigie <commande> [options]

Commandes :
  serve                                   démarre le serveur web (migrations appliquées)
  migrate                                 applique les migrations de la base
  user add --email E --role R [--name N]  crée un compte (R : board, admin ou admin,board) ;
           [--password-stdin]             affiche un lien pour choisir le mot de passe,
                                          ou lit le mot de passe sur l'entrée standard
  demo                                    remplit une base vide de données fictives
  taxonomy export FICHIER.yaml            exporte les catégories
  taxonomy import FICHIER.yaml            importe les catégories (par code, sans rien supprimer)
  guide evaluate '{"answers": {…}}'       évalue un parcours du guide « Puis-je parler ? » (JSON)
  import requests FICHIER [--dry-run]     importe des demandes (CSV ou XLSX, voir docs/import.md) ;
                                          tout ou rien, sans doublon ; --dry-run : aperçu seul
  figures set ANNÉE CLÉ VALEUR [--note N] enregistre un chiffre annuel (ex. requests.total)
  figures list [ANNÉE]                    liste les chiffres annuels saisis
  figures keys                            liste les clés des chiffres annuels
  report ANNÉE [ANNÉE…] --format F        rapport d'activités (F : md, json, html, pdf, docx) ;
         [--out FICHIER] [--malgre]       --malgre : exporter malgré des sujets signalés
  help                                    affiche cette aide

Configuration : variables d'environnement (voir .env.example), DATABASE_URL en tête.`;

async function withDatabase<T>(config: AppConfig, fn: (h: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = openDatabase(config.database);
  try {
    // Another process (a server starting) may be doing the same: one at a time.
    await oneProcessAtATime(handle.db, async () => {
      await migrateToLatest(handle.db);
      await ensureDefaultTaxonomy(handle.db);
      await ensureGuideContent(handle.db);
    });
    return await fn(handle);
  } finally {
    await handle.destroy();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function userAdd(config: AppConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.email || !values.role)
    throw new UsageError(
      'user add : --email et --role sont obligatoires (ex. vigie user add --email marie@exemple.be --role board).',
    );
  const roles = values.role.split(',').map((r) => r.trim());
  const parsed = newUserSchema.safeParse({
    email: values.email,
    roles,
    displayName: values.name ?? values.email.split('@')[0],
  });
  if (!parsed.success || parseRoles(values.role).length !== roles.length) {
    const messages = parsed.success
      ? ['--role : rôle inconnu (board, admin ou admin,board).']
      : parsed.error.issues.map(
          (i) =>
            `--${i.path[0] === 'displayName' ? 'name' : i.path[0] === 'roles' ? 'role' : String(i.path[0])} : ${i.message}`,
        );
    throw new UsageError(messages.join('\n'));
  }
  let password: string | undefined;
  if (values['password-stdin']) {
    password = await readStdin();
    if (password.length < 10) throw new UsageError('Mot de passe : au moins 10 caractères.');
  }
  await withDatabase(config, async ({ db }) => {
    try {
      const id = await createUser(db, { ...parsed.data, password }, null);
      process.stdout.write(`Compte créé (n° ${id}, rôles : ${parsed.data.roles.join(', ')}).\n`);
      if (!password) {
        const token = await issueResetToken(db, id);
        const base = config.publicUrl;
        process.stdout.write(
          `Lien pour choisir le mot de passe (valable 7 jours, une fois) :\n  ${base}/reinitialiser?jeton=${token}\n`,
        );
      }
    } catch (error) {
      if (error instanceof DuplicateEmailError) throw new UsageError(`--email : ${error.message}`);
      throw error;
    }
  });
}

async function taxonomyCommand(config: AppConfig, args: string[]): Promise<void> {
  const [sub, file] = args;
  if ((sub !== 'export' && sub !== 'import') || !file)
    throw new UsageError('taxonomy : utilisez « taxonomy export FICHIER.yaml » ou « taxonomy import FICHIER.yaml ».');
  if (sub === 'export') {
    await withDatabase(config, async ({ db }) => {
      writeFileSync(file, await exportTaxonomy(db));
      process.stdout.write(`Catégories exportées dans ${file}.\n`);
    });
    return;
  }
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`taxonomy import : impossible de lire le fichier « ${file} ».`);
  }
  const parsed = (() => {
    try {
      return parseTaxonomyYaml(source);
    } catch (error) {
      if (error instanceof TaxonomyImportError)
        throw new UsageError(`${file} :\n${error.problems.map((p) => `  ${p}`).join('\n')}\nRien n'a été importé.`);
      throw error;
    }
  })();
  await withDatabase(config, async ({ db }) => {
    try {
      const report = await importTaxonomy(db, parsed, null);
      process.stdout.write(`${importSummary(report)}\n`);
    } catch (error) {
      if (error instanceof TaxonomyImportError)
        throw new UsageError(`${file} :\n${error.problems.map((p) => `  ${p}`).join('\n')}\nRien n'a été importé.`);
      throw error;
    }
  });
}

async function guideCommand(config: AppConfig, args: string[]): Promise<void> {
  const [sub, json] = args;
  if (sub !== 'evaluate' || json === undefined)
    throw new UsageError(`guide : utilisez « guide evaluate '{"answers": {"Q_BOUND": "Oui", …}}' ».`);
  let body: unknown;
  try {
    body = JSON.parse(json);
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
  await withDatabase(config, async ({ db }) => {
    const { content } = await currentGuide(db);
    const [status, response] = evaluationResponse(evaluateGuide(content, answers as Record<string, string>));
    if (status !== 200) throw new UsageError(`guide evaluate : ${JSON.stringify(response)}`);
    process.stdout.write(`${JSON.stringify(response, null, 2)}\n`);
  });
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(`${HELP}\n`);
      return command ? 0 : 2;
    }
    loadDotEnv();
    const config = loadConfig();
    switch (command) {
      case 'serve':
        await startServer(config);
        return -1; // keeps running
      case 'migrate':
        await withDatabase(config, async () => undefined);
        process.stdout.write('Base de données à jour.\n');
        return 0;
      case 'user':
        if (rest[0] !== 'add') throw new UsageError('user : seule la sous-commande « user add » existe.');
        await userAdd(config, rest.slice(1));
        return 0;
      case 'demo':
        await withDatabase(config, async ({ db }) => {
          const { key } = loadOrCreateKey(config.encryptionKey, config.dataDir);
          const report = await fillDemo(db, new Vault(key));
          process.stdout.write(`${report}\n`);
        });
        return 0;
      case 'taxonomy':
        await taxonomyCommand(config, rest);
        return 0;
      case 'import':
        return await importRequestsCommand(config, rest);
      case 'figures':
        return await figuresCommand(config, rest);
      case 'report':
        return await reportCommand(config, rest);
      case 'guide':
        await guideCommand(config, rest);
        return 0;
      default:
        throw new UsageError(`Commande inconnue : « ${command} ». Tapez « vigie help ».`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`vigie : ${error.message}\n`);
      return 2;
    }
    if (error instanceof Error && error.name === 'DemoRefusedError') {
      process.stderr.write(`vigie : ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`vigie : erreur : ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
