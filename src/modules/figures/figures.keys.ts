/**
 * The yearly figures a committee types in by hand: for years before the
 * register was used, and for what Vigie does not track. A key is stable (the
 * report and the CLI use it); its label is what people read.
 *
 * `fromRecords`: Vigie computes this figure itself from its records for the
 * years it holds them; the computed value always wins over a typed one.
 */
export interface FigureKey {
  key: string;
  label: string;
  group: string;
  fromRecords: boolean;
}

export const FIGURE_KEYS: readonly FigureKey[] = [
  { key: 'requests.total', label: 'Nombre total de demandes', group: 'Demandes', fromRecords: true },
  { key: 'board.meetings', label: 'Réunions de bureau', group: 'Bureau', fromRecords: false },
  { key: 'board.retreats', label: 'Mises au vert', group: 'Bureau', fromRecords: false },
  { key: 'helpline.shifts', label: 'Permanences téléphoniques', group: 'Permanence', fromRecords: false },
  {
    key: 'members.organisations.total',
    label: 'Membres de la plénière : organisations (total)',
    group: 'Plénière',
    fromRecords: false,
  },
  {
    key: 'members.individuals.total',
    label: 'Membres de la plénière : personnes (total)',
    group: 'Plénière',
    fromRecords: false,
  },
  {
    key: 'members.organisations.new',
    label: 'Nouveaux membres : organisations',
    group: 'Plénière',
    fromRecords: false,
  },
  { key: 'members.individuals.new', label: 'Nouveaux membres : personnes', group: 'Plénière', fromRecords: false },
  { key: 'newsletter.subscribers', label: 'Abonnés à la newsletter', group: 'Site et réseaux', fromRecords: false },
  {
    key: 'manifesto.signatures.individuals.new',
    label: 'Manifeste : nouvelles signatures individuelles',
    group: 'Manifeste',
    fromRecords: false,
  },
  {
    key: 'manifesto.signatures.organisations.new',
    label: 'Manifeste : nouvelles signatures d’organisations',
    group: 'Manifeste',
    fromRecords: false,
  },
  {
    key: 'manifesto.signatures.individuals.total',
    label: 'Manifeste : signatures individuelles (total)',
    group: 'Manifeste',
    fromRecords: false,
  },
  {
    key: 'manifesto.signatures.organisations.total',
    label: 'Manifeste : signatures d’organisations (total)',
    group: 'Manifeste',
    fromRecords: false,
  },
  {
    key: 'manifesto.printed_copies',
    label: 'Manifeste : exemplaires imprimés',
    group: 'Manifeste',
    fromRecords: false,
  },
  {
    key: 'website.visits.monthly_average',
    label: 'Site : visites par mois (moyenne)',
    group: 'Site et réseaux',
    fromRecords: false,
  },
  {
    key: 'website.visits.monthly_min',
    label: 'Site : visites par mois (minimum)',
    group: 'Site et réseaux',
    fromRecords: false,
  },
  {
    key: 'website.visits.monthly_max',
    label: 'Site : visites par mois (maximum)',
    group: 'Site et réseaux',
    fromRecords: false,
  },
  {
    key: 'website.visits.daily_max',
    label: 'Site : visites en un jour (maximum)',
    group: 'Site et réseaux',
    fromRecords: false,
  },
  {
    key: 'website.visits.since_start',
    label: 'Site : visites depuis la création',
    group: 'Site et réseaux',
    fromRecords: false,
  },
  { key: 'facebook.followers', label: 'Facebook : abonnés', group: 'Site et réseaux', fromRecords: false },
  { key: 'facebook.posts', label: 'Facebook : publications', group: 'Site et réseaux', fromRecords: false },
];

const BY_KEY = new Map(FIGURE_KEYS.map((k) => [k.key, k]));

export function figureKey(key: string): FigureKey | undefined {
  return BY_KEY.get(key);
}

export function figureLabel(key: string): string {
  return BY_KEY.get(key)?.label ?? key;
}
