import type { fr } from './fr.js';

/** English. Every key of the French catalogue must be here. */
export const en: Record<keyof typeof fr, string> = {
  'nav.label': 'Main navigation',
  'nav.home': 'Home',
  'nav.manifesto': 'Manifesto',
  'nav.news': 'News',
  'nav.resources': 'Resources',
  'nav.agenda': 'Events',
  'nav.testimonies': 'Testimonies',
  'nav.members': 'Members',
  'nav.guide': 'May I speak? (FR)',
  'nav.contact': 'Contact',
  'nav.board': 'Board area',
  'lang.switch': 'Language',
  'skip': 'Skip to content',
  'footer.privacy': 'Privacy',
  'footer.note': 'This site sets no audience-measurement cookie and does not record the answers you give to the guide.',
  'newsletter.title': 'Newsletter',
};
