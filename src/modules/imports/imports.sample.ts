/**
 * The sample offered for download on the import page; docs/samples/requests-sample.csv
 * is the same text (a test keeps them equal).
 */
export const SAMPLE_CSV = `received_on;kind;subject;channel;sector;theme;status;outcome;outcome_reason;event_on;planned_year;notes
2019-03-14;advice;Une AS de CPAS se demande si elle peut répondre à une demande de la police;helpline;cpas;secrecy-police;;answered;;;;
21/05/2019;Formation;Formation pour une équipe de centre PMS;email;Centre PMS;Le secret professionnel › Dans une institution;;done;;2019-10-08;;Deux demi-journées
2019-06-02;training;Formation pour une équipe d'AMO;email;amo;;;declined;Manque de temps ou de disponibilité;;;
2019-09-12;talk;Journée d'étude sur le sens du travail social;;;;in_progress;;;;;
2019-11-07;hearing;"Rencontre en bureau : une équipe d'accueil s'interroge sur ""le secret partagé""";;shelter;secrecy-between|institutional-practices;;hearing_held;;2019-12-05;;
2020-02-20;talk;Intervention à un colloque reportée;email;;;;later_year;;;2021;
`;
