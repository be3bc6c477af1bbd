import { addDays, easterSunday, isoWeekday, mondayOf } from './belgian-calendar.js';

/**
 * School holidays of the Fédération Wallonie-Bruxelles (compulsory education),
 * under the rhythm set by the décret du 31 mars 2022 « relatif à l'adaptation
 * des rythmes scolaires annuels »: school starts on the last Monday of August
 * (the government may move it, as it did for 2026), seven weeks of classes
 * (six to eight) alternate with two weeks off (autumn around 1 November, winter
 * around Christmas, « détente » in February–March, spring around 1 May), and
 * the year ends on the first Friday of July.
 *
 * School years whose calendar the Fédération has published are copied here
 * from that publication, with its address and the date it was checked. Other
 * years are computed from the rules above and marked « à vérifier »: the
 * helpline rota shows that mark until someone encodes the official year.
 */

export interface SchoolBreak {
  /** First and last day off, both included. */
  startsOn: string;
  endsOn: string;
  label: string;
}

export type SchoolYearStatus = 'official' | 'secondary' | 'computed';

export interface SchoolYearSource {
  title: string;
  url: string;
  checkedOn: string;
}

export interface SchoolYear {
  /** « 2026-2027 ». */
  name: string;
  /** First day of classes. */
  startsOn: string;
  /** First day of the summer holidays (the last day of classes is the day before). */
  summerFrom: string;
  breaks: SchoolBreak[];
  /**
   * official: copied from the Fédération's own publication; secondary: the
   * published dates as reproduced by schools (the official text was not
   * read), to check; computed: derived from the decree's rules, to check.
   */
  status: SchoolYearStatus;
  sources: SchoolYearSource[];
}

const day = (on: string, label: string): SchoolBreak => ({ startsOn: on, endsOn: on, label });

/** Years as published. Keep them in order; add each new year when the Fédération publishes it. */
export const PUBLISHED_SCHOOL_YEARS: readonly SchoolYear[] = [
  {
    name: '2025-2026',
    startsOn: '2025-08-25',
    summerFrom: '2026-07-04',
    breaks: [
      day('2025-09-27', 'Fête de la Fédération Wallonie-Bruxelles'),
      { startsOn: '2025-10-20', endsOn: '2025-11-02', label: 'Congé d’automne (Toussaint)' },
      day('2025-11-11', 'Commémoration du 11 novembre'),
      { startsOn: '2025-12-22', endsOn: '2026-01-04', label: 'Vacances d’hiver (Noël)' },
      { startsOn: '2026-02-16', endsOn: '2026-03-01', label: 'Congé de détente (Carnaval)' },
      day('2026-04-06', 'Lundi de Pâques'),
      { startsOn: '2026-04-27', endsOn: '2026-05-10', label: 'Vacances de printemps (Pâques)' },
      day('2026-05-14', 'Jeudi de l’Ascension'),
      day('2026-05-25', 'Lundi de Pentecôte'),
    ],
    status: 'secondary',
    sources: [
      {
        title: 'Académie d’Amay, « Congés » (calendrier 2025-2026 de la Fédération Wallonie-Bruxelles)',
        url: 'https://www.academieamay.com/administratif/conges',
        checkedOn: '2026-11-27',
      },
      {
        title: 'École libre de Nassogne, « Calendrier 2025-2026 : congés officiels »',
        url: 'https://www.ecole-libre-de-nassogne.com/calendrier-et-evenements',
        checkedOn: '2026-11-27',
      },
    ],
  },
  {
    name: '2026-2027',
    startsOn: '2026-08-24',
    summerFrom: '2027-07-02',
    breaks: [
      day('2026-09-27', 'Fête de la Communauté française'),
      { startsOn: '2026-10-19', endsOn: '2026-10-30', label: 'Congé d’automne (Toussaint)' },
      day('2026-11-02', 'Fête des morts'),
      day('2026-11-11', 'Commémoration du 11 novembre (Armistice)'),
      { startsOn: '2026-12-21', endsOn: '2027-01-01', label: 'Vacances d’hiver (Noël)' },
      day('2027-02-09', 'Mardi gras'),
      { startsOn: '2027-02-22', endsOn: '2027-03-05', label: 'Congé de détente (Carnaval)' },
      day('2027-03-29', 'Lundi de Pâques'),
      { startsOn: '2027-04-26', endsOn: '2027-05-07', label: 'Vacances de printemps (Pâques)' },
      day('2027-05-06', 'Jeudi de l’Ascension'),
      day('2027-05-17', 'Lundi de Pentecôte'),
    ],
    // The Fédération's own page (enseignement.be) could not be read when this
    // was encoded: only a copy of its calendar file, kept by a school. Until
    // someone checks the dates there, they are shown « à vérifier ».
    status: 'secondary',
    sources: [
      {
        title:
          'Fédération Wallonie-Bruxelles, « Ens. Obligatoire 2026-2027 – FW-B Calendrier Scolaire v1 » (fichier iCalendar Cal_Obli_26-27.ics du 3 septembre 2025), copie conservée par l’Athénée royal Jules Bara (pas la publication officielle elle-même)',
        url: 'https://github.com/jalsaad/SiteBara/blob/b60e53af0ad946cfcb4e02cd257ece7b1d9b3ae7/public/calendrier-vacances-2026-2027.ics',
        checkedOn: '2026-11-27',
      },
    ],
  },
];

/** The last Monday of August of that year. */
function lastMondayOfAugust(year: number): string {
  return mondayOf(`${year}-08-31`);
}

/** The first Friday of July of that year. */
function firstFridayOfJuly(year: number): string {
  const first = `${year}-07-01`;
  return addDays(first, (5 - isoWeekday(first) + 7) % 7);
}

/**
 * A school year computed from the decree's rules (status « computed »): the
 * two weeks before the week-end after 1 November, the two weeks from the
 * Monday of Christmas week (the next Monday when Christmas falls on a
 * week-end), seven weeks of classes then two weeks of « détente », the two
 * weeks from the Monday of the week holding 1 May, plus the single days.
 */
export function computeSchoolYear(startYear: number): SchoolYear {
  const startsOn = lastMondayOfAugust(startYear);
  const autumnStart = addDays(mondayOf(`${startYear}-11-01`), -7);
  const christmas = `${startYear}-12-25`;
  const winterStart = isoWeekday(christmas) >= 6 ? addDays(mondayOf(christmas), 7) : mondayOf(christmas);
  const detenteStart = addDays(winterStart, 14 + 7 * 7);
  const springStart = mondayOf(`${startYear + 1}-05-01`);
  const easter = easterSunday(startYear + 1);
  const breaks: SchoolBreak[] = [
    day(`${startYear}-09-27`, 'Fête de la Fédération Wallonie-Bruxelles'),
    { startsOn: autumnStart, endsOn: addDays(autumnStart, 11), label: 'Congé d’automne (Toussaint)' },
    day(`${startYear}-11-11`, 'Commémoration du 11 novembre'),
    { startsOn: winterStart, endsOn: addDays(winterStart, 11), label: 'Vacances d’hiver (Noël)' },
    day(addDays(easter, -47), 'Mardi gras'),
    { startsOn: detenteStart, endsOn: addDays(detenteStart, 11), label: 'Congé de détente (Carnaval)' },
    day(addDays(easter, 1), 'Lundi de Pâques'),
    { startsOn: springStart, endsOn: addDays(springStart, 11), label: 'Vacances de printemps (Pâques)' },
    day(addDays(easter, 39), 'Jeudi de l’Ascension'),
    day(addDays(easter, 50), 'Lundi de Pentecôte'),
  ].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return {
    name: `${startYear}-${startYear + 1}`,
    startsOn,
    summerFrom: addDays(firstFridayOfJuly(startYear + 1), 1),
    breaks,
    status: 'computed',
    sources: [],
  };
}

/** The school year starting in that calendar year: published if encoded, computed otherwise. */
export function schoolYear(startYear: number): SchoolYear {
  return PUBLISHED_SCHOOL_YEARS.find((y) => y.name === `${startYear}-${startYear + 1}`) ?? computeSchoolYear(startYear);
}

/** The school year a date belongs to (summer holidays belong to the year they end). */
export function schoolYearOf(isoDate: string): SchoolYear {
  const year = Number(isoDate.slice(0, 4));
  const current = schoolYear(year);
  return isoDate >= current.startsOn ? current : schoolYear(year - 1);
}

export interface SchoolClosure extends SchoolBreak {
  /** False when the dates come from the rules or a secondary source: « à vérifier ». */
  verified: boolean;
  schoolYear: string;
}

/** Every holiday period (summer included) of a school year, in date order. */
export function schoolClosures(year: SchoolYear): SchoolClosure[] {
  const next = schoolYear(Number(year.name.slice(0, 4)) + 1);
  const verified = year.status === 'official';
  return [
    ...year.breaks.map((b) => ({ ...b, verified, schoolYear: year.name })),
    {
      startsOn: year.summerFrom,
      endsOn: addDays(next.startsOn, -1),
      label: 'Vacances d’été',
      // The summer ends when the next year starts: both must be official.
      verified: verified && next.status === 'official',
      schoolYear: year.name,
    },
  ];
}

/** The school holiday (or single school day off) on that date, if any. */
export function schoolClosureOn(isoDate: string): SchoolClosure | undefined {
  const year = schoolYearOf(isoDate);
  return schoolClosures(year).find((c) => c.startsOn <= isoDate && isoDate <= c.endsOn);
}
