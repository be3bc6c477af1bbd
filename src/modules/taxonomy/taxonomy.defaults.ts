/**
 * The committee's categories as its 2019–2020 activity report uses them
 * (../shared/seeds/001_*.txt). Installed on an empty database; an admin or
 * `vigie taxonomy import` adapts them afterwards.
 */
import type { TaxonomyType } from '../../db/schema.js';

export type { TaxonomyType };

export interface DefaultEntry {
  code: string;
  label: string;
  countsInTotal?: boolean;
  children?: DefaultEntry[];
}

export const DEFAULT_TAXONOMY: Record<TaxonomyType, DefaultEntry[]> = {
  kind: [
    { code: 'training', label: 'Formation', countsInTotal: true },
    { code: 'advice', label: "Demande d'avis", countsInTotal: true },
    { code: 'hearing', label: 'Rencontre en bureau', countsInTotal: true },
    { code: 'talk', label: 'Intervention dans des colloques et groupes de travail', countsInTotal: true },
    { code: 'publication', label: "Rédaction d'articles et interviews", countsInTotal: true },
    { code: 'position', label: 'Avis écrit, co-signature, carte blanche, pétition', countsInTotal: false },
    { code: 'manifesto-talk', label: 'Présentation du Manifeste', countsInTotal: false },
    { code: 'mobilisation', label: 'Mobilisation', countsInTotal: false },
    { code: 'other', label: 'Autre demande', countsInTotal: false },
  ],
  theme: [
    {
      code: 'secrecy',
      label: 'Le secret professionnel',
      children: [
        { code: 'secrecy-institution', label: 'Dans une institution' },
        { code: 'secrecy-between', label: 'Entre institutions' },
        { code: 'secrecy-police', label: 'Police et instances de contrôle' },
      ],
    },
    { code: 'institutional-practices', label: 'Pratiques institutionnelles' },
    { code: 'worker-role', label: "La fonction de l'intervenant social" },
    { code: 'misc', label: 'Divers' },
  ],
  sector: [
    { code: 'cpas', label: 'CPAS' },
    { code: 'amo', label: 'AMO' },
    { code: 'youth-care', label: 'Aide à la jeunesse' },
    { code: 'pms', label: 'Centre PMS' },
    { code: 'isp', label: 'Insertion socioprofessionnelle (ISP)' },
    { code: 'shelter', label: "Maison d'accueil" },
    { code: 'mental-health', label: 'Santé mentale' },
    { code: 'health', label: 'Santé, maison médicale' },
    { code: 'social-housing', label: 'Logement social' },
    { code: 'mutual', label: 'Mutualité' },
    { code: 'education', label: 'Enseignement' },
    { code: 'youth-centre', label: 'Maison de jeunes' },
    { code: 'migrants', label: 'Accueil des personnes étrangères' },
    { code: 'disability', label: 'Handicap' },
    { code: 'addiction', label: 'Assuétudes' },
    { code: 'family-planning', label: 'Planning familial' },
    { code: 'public-administration', label: 'Administration publique' },
    { code: 'federation', label: 'Fédération, collectif' },
    { code: 'other', label: 'Autre secteur' },
  ],
  outcome_reason: [
    { code: 'no-time', label: 'Manque de temps ou de disponibilité' },
    { code: 'covid', label: 'Crise sanitaire' },
    { code: 'out-of-scope', label: 'Hors de notre champ' },
    { code: 'too-large-or-remote', label: 'Groupe trop nombreux ou à distance' },
    { code: 'individual-supervision', label: 'Supervision individuelle' },
    { code: 'team-not-asking', label: "L'équipe n'est pas demandeuse" },
    { code: 'posture', label: 'Raison de posture' },
    { code: 'too-few-participants', label: "Pas assez d'inscrits" },
    { code: 'premises', label: 'Problème de locaux' },
    { code: 'personal-conflict', label: 'Conflit personnel ou hiérarchique' },
    { code: 'other', label: 'Autre raison' },
  ],
};

export const TAXONOMY_TYPE_LABELS: Record<TaxonomyType, string> = {
  kind: 'Types de demande',
  theme: 'Thèmes',
  sector: 'Secteurs',
  outcome_reason: 'Raisons (refus, annulation)',
};
