/** French (Belgian usage): the reference catalogue of the public side. */
export const fr = {
  'nav.label': 'Navigation principale',
  'nav.home': 'Accueil',
  'nav.manifesto': 'Manifeste',
  'nav.news': 'Actualités',
  'nav.resources': 'Ressources',
  'nav.agenda': 'Agenda',
  'nav.testimonies': 'Témoignages',
  'nav.members': 'Membres',
  'nav.guide': 'Puis-je parler ?',
  'nav.contact': 'Contact',
  'nav.board': 'Espace du bureau',
  'lang.switch': 'Langue',
  'skip': 'Aller au contenu',
  'footer.privacy': 'Vie privée',
  'footer.note': 'Ce site ne dépose aucun cookie de mesure d’audience et n’enregistre pas les réponses que vous donnez au guide.',
  'newsletter.title': 'Newsletter',
} as const;
