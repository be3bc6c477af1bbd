/**
 * Every `vigie` command: its words, options, help and how to run it. This file
 * is loaded for every invocation, so it imports nothing of the application:
 * each command loads what it needs, when it runs (`vigie --help` stays instant).
 */
import type { CliRun } from './context.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Shown in the help and in errors: `--format md|json`, `--out FICHIER`. */
  value?: string;
  /** The only values allowed, checked before the command runs. */
  choices?: readonly string[];
  multiple?: boolean;
  help: string;
}

export interface CommandSpec {
  /** The words that name the command: `['user', 'add']`. */
  path: readonly string[];
  /** Positional arguments as shown in the help: `ANNÉE [ANNÉE…]`. */
  args: string;
  /** How many positional arguments are allowed. */
  positionals: { min: number; max: number };
  options: Readonly<Record<string, OptionSpec>>;
  summary: string;
  /** More lines of help (examples, exit codes). */
  details?: string;
  /**
   * `create`: may create a new database (migrate); `existing`: refuses to run
   * when the configured database does not exist yet; `none`: the command opens
   * no database (serve opens its own, and with migrate is the only one that may
   * create it); `as-is`: like `existing`, but the database is not migrated
   * (a backup copies the database as it is).
   */
  database: 'create' | 'existing' | 'as-is' | 'none';
  run: CliRun;
}

export const REPORT_FORMATS = ['md', 'json', 'html', 'pdf', 'docx'] as const;

export const COMMANDS: readonly CommandSpec[] = [
  {
    path: ['serve'],
    args: '',
    positionals: { min: 0, max: 0 },
    options: {},
    summary: 'démarre le serveur web (crée la base au besoin, applique les migrations)',
    // The server opens (and may create) the database itself, for as long as it runs.
    database: 'none',
    run: async (ctx) => (await import('../server.js')).serveCommand(ctx),
  },
  {
    path: ['migrate'],
    args: '',
    positionals: { min: 0, max: 0 },
    options: {},
    summary: 'crée la base de données ou applique les migrations en attente',
    database: 'create',
    run: async (ctx) => {
      ctx.io.out('Base de données à jour.\n');
      return 0;
    },
  },
  {
    path: ['user', 'add'],
    args: '',
    positionals: { min: 0, max: 0 },
    options: {
      email: { type: 'string', value: 'ADRESSE', help: 'adresse e-mail du compte (obligatoire)' },
      role: { type: 'string', value: 'RÔLE', help: 'board, admin ou admin,board (obligatoire)' },
      name: { type: 'string', value: 'NOM', help: 'nom affiché (par défaut : le début de l’adresse)' },
      'password-stdin': { type: 'boolean', help: 'lit le mot de passe sur l’entrée standard' },
    },
    summary: 'crée un compte et affiche un lien pour choisir son mot de passe',
    details: 'Exemple : vigie user add --email marie@exemple.be --role board --name "Marie Dubois"',
    database: 'existing',
    run: async (ctx) => (await import('./user.js')).userAdd(ctx),
  },
  {
    path: ['demo'],
    args: '',
    positionals: { min: 0, max: 0 },
    options: {},
    summary: 'remplit une base vide de données fictives et affiche les comptes de démonstration',
    database: 'existing',
    run: async (ctx) => (await import('./demo.js')).demoCommand(ctx),
  },
  {
    path: ['taxonomy', 'export'],
    args: 'FICHIER.yaml',
    positionals: { min: 1, max: 1 },
    options: {},
    summary: 'exporte les catégories (types, thèmes, secteurs, raisons)',
    database: 'existing',
    run: async (ctx) => (await import('./taxonomy.js')).taxonomyExport(ctx),
  },
  {
    path: ['taxonomy', 'import'],
    args: 'FICHIER.yaml',
    positionals: { min: 1, max: 1 },
    options: {},
    summary: 'met à jour les catégories par code et ajoute les nouvelles, sans rien supprimer',
    details: 'Format : docs/taxonomy.md.',
    database: 'existing',
    run: async (ctx) => (await import('./taxonomy.js')).taxonomyImport(ctx),
  },
  {
    path: ['guide', 'evaluate'],
    args: 'JSON',
    positionals: { min: 1, max: 1 },
    options: {},
    summary: 'évalue un parcours du guide « Puis-je parler ? » et affiche la réponse JSON de l’API',
    details: `Exemple : vigie guide evaluate '{"answers": {"Q_BOUND": "Oui"}}'`,
    database: 'existing',
    run: async (ctx) => (await import('./guide.js')).guideEvaluate(ctx),
  },
  {
    path: ['import', 'requests'],
    args: 'FICHIER',
    positionals: { min: 1, max: 1 },
    options: { 'dry-run': { type: 'boolean', help: 'vérifie et montre ce qui serait importé, sans rien écrire' } },
    summary: 'importe des demandes passées (CSV ou XLSX), tout ou rien, sans doublon',
    details: 'Format : docs/import.md. Code de sortie 1 si le fichier contient des erreurs (rien n’est importé).',
    database: 'existing',
    run: async (ctx) => (await import('../modules/imports/imports.cli.js')).importRequestsCommand(ctx),
  },
  {
    path: ['figures', 'set'],
    args: 'ANNÉE CLÉ VALEUR',
    positionals: { min: 3, max: 3 },
    options: { note: { type: 'string', value: 'TEXTE', help: 'une note sur la source du chiffre' } },
    summary: 'enregistre un chiffre annuel saisi à la main (ex. requests.total)',
    details: 'Exemple : vigie figures set 2019 board.meetings 18 --note "PV du bureau"',
    database: 'existing',
    run: async (ctx) => (await import('../modules/figures/figures.cli.js')).figuresSet(ctx),
  },
  {
    path: ['figures', 'list'],
    args: '[ANNÉE]',
    positionals: { min: 0, max: 1 },
    options: {},
    summary: 'liste les chiffres annuels saisis',
    database: 'existing',
    run: async (ctx) => (await import('../modules/figures/figures.cli.js')).figuresList(ctx),
  },
  {
    path: ['figures', 'keys'],
    args: '',
    positionals: { min: 0, max: 0 },
    options: {},
    summary: 'liste les clés des chiffres annuels',
    database: 'none',
    run: async (ctx) => (await import('../modules/figures/figures.cli.js')).figuresKeys(ctx),
  },
  {
    path: ['report'],
    args: 'ANNÉE [ANNÉE…]',
    positionals: { min: 1, max: 20 },
    options: {
      format: {
        type: 'string',
        value: 'FORMAT',
        choices: REPORT_FORMATS,
        help: 'md (par défaut), json, html, pdf ou docx',
      },
      out: { type: 'string', value: 'FICHIER', help: 'écrit dans ce fichier (obligatoire pour pdf et docx)' },
      malgre: { type: 'boolean', help: 'exporte malgré des sujets signalés comme identifiants (après vérification)' },
    },
    summary: 'le rapport d’activités d’une ou de plusieurs années consécutives',
    details: 'Exemple : vigie report 2019 2020 --format pdf --out rapport.pdf (progression sur la sortie d’erreur).',
    database: 'existing',
    run: async (ctx) => (await import('../modules/reports/reports.cli.js')).reportCommand(ctx),
  },
  {
    path: ['audit', 'verify'],
    args: '',
    positionals: { min: 0, max: 0 },
    options: {
      empreinte: {
        type: 'string',
        value: 'EMPREINTE',
        help: 'une empreinte notée auparavant (page « Journal d’audit ») : vérifie qu’elle est toujours dans la chaîne',
      },
    },
    summary: 'vérifie la chaîne du journal d’audit et nomme la première entrée en défaut',
    details: 'Code de sortie 0 si le journal est intact, 1 s’il a été altéré ou si l’empreinte notée n’y est plus.',
    database: 'existing',
    run: async (ctx) => (await import('../modules/audit/audit.cli.js')).auditVerify(ctx),
  },
  {
    path: ['backup'],
    args: 'FICHIER',
    positionals: { min: 1, max: 1 },
    options: {},
    summary: 'sauvegarde la base et la clé de chiffrement dans un seul fichier, serveur en marche',
    details:
      'SQLite : copie cohérente (sauvegarde en ligne de SQLite). PostgreSQL : pg_dump doit être installé.\n' +
      'Le fichier contient la clé : gardez-le en lieu sûr (voir docs/operations.md).',
    database: 'as-is',
    run: async (ctx) => (await import('./backup.js')).backupCommand(ctx),
  },
  {
    path: ['restore'],
    args: 'FICHIER',
    positionals: { min: 1, max: 1 },
    options: { force: { type: 'boolean', help: 'remplace une base qui contient déjà des données' } },
    summary: 'restaure une sauvegarde de « vigie backup » (base et clé)',
    details: 'Refuse de remplacer une base non vide sans --force. Arrêtez le serveur avant.',
    database: 'none',
    run: async (ctx) => (await import('./backup.js')).restoreCommand(ctx),
  },
];

function usageLine(spec: CommandSpec): string {
  const options = Object.entries(spec.options).map(([name, o]) =>
    o.type === 'boolean' ? `[--${name}]` : `--${name} ${o.value ?? 'VALEUR'}`,
  );
  return ['vigie', ...spec.path, spec.args, ...options].filter(Boolean).join(' ');
}

export function optionList(spec: CommandSpec): string {
  const entries = Object.entries(spec.options);
  if (entries.length === 0) return 'aucune option';
  return entries
    .map(([name, o]) =>
      o.type === 'boolean' ? `--${name}` : `--${name} ${o.choices ? o.choices.join('|') : (o.value ?? 'VALEUR')}`,
    )
    .join(', ');
}

export function commandHelp(spec: CommandSpec): string {
  const lines = [`Utilisation : ${usageLine(spec)}`, '', `${spec.summary[0]?.toUpperCase()}${spec.summary.slice(1)}.`];
  const options = Object.entries(spec.options);
  if (options.length) {
    lines.push('', 'Options :');
    for (const [name, o] of options) {
      const flag = o.type === 'boolean' ? `--${name}` : `--${name} ${o.value ?? 'VALEUR'}`;
      lines.push(`  ${flag.padEnd(24)} ${o.help}`);
    }
  }
  lines.push(`  ${'-h, --help'.padEnd(24)} affiche cette aide`);
  if (spec.details) lines.push('', spec.details);
  return lines.join('\n');
}

export function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => [...c.path, c.args].filter(Boolean).join(' ').length));
  return [
    'Utilisation : vigie <commande> [options]',
    '',
    'Commandes :',
    ...COMMANDS.map((c) => `  ${[...c.path, c.args].filter(Boolean).join(' ').padEnd(width)}  ${c.summary}`),
    '',
    '« vigie <commande> --help » détaille une commande et ses options.',
    'Configuration : le fichier .env du dossier d’installation et les variables d’environnement',
    '(voir .env.example) ; les données sont dans DATA_DIR (par défaut : data/ du dossier d’installation).',
  ].join('\n');
}
