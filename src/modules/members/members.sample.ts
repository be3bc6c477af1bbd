/** The sample offered for download in the import page (same as docs/samples/members-sample.csv). */
export const MEMBERS_SAMPLE_CSV = [
  'type;nom;email;telephone;membre_depuis;membre_jusqu_au;liste_publique;accord_email;notes',
  'organisation;Service d’aide exemple (démo);contact@exemple.invalid;02 000 00 00;15/03/2019;;oui;oui;',
  'organisation;Maison d’accueil fictive (démo);;;01/09/2020;;non;non;Accord de publication à redemander',
  'personne;Camille Exemple (démo);camille@exemple.invalid;;12/10/2021;;non;oui;',
  'personne;Dominique Essai (démo);;;05/02/2018;31/12/2022;non;non;A quitté la plénière',
  '',
].join('\r\n');
