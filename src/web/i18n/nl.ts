import type { fr } from './fr.js';

/** Dutch (Belgian usage). Every key of the French catalogue must be here. */
export const nl: Record<keyof typeof fr, string> = {
  'nav.label': 'Hoofdnavigatie',
  'nav.home': 'Home',
  'nav.manifesto': 'Manifest',
  'nav.news': 'Nieuws',
  'nav.resources': 'Documentatie',
  'nav.agenda': 'Agenda',
  'nav.testimonies': 'Getuigenissen',
  'nav.members': 'Leden',
  'nav.guide': 'Mag ik spreken? (FR)',
  'nav.contact': 'Contact',
  'nav.board': 'Bestuur',
  'lang.switch': 'Taal',
  'skip': 'Naar de inhoud',
  'footer.privacy': 'Privacy',
  'footer.note': 'Deze site plaatst geen cookies om bezoeken te meten en bewaart de antwoorden in de gids niet.',
  'newsletter.title': 'Nieuwsbrief',
};
