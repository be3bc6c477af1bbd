import type { ViewContext } from '../../web/context.js';
import {
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
  type FieldErrors,
} from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import type { PlanSection, ReportPlanChoices } from './reports.model.js';
import { CHAPTER_LABELS, CHAPTERS, LAYOUT_LABELS, LAYOUTS } from './reports.plan-settings.service.js';

const EMPTY_SECTION: PlanSection = {
  id: '',
  chapter: 'review',
  title: '',
  kinds: [],
  layout: 'list',
  text: '',
  notes: [],
};

function SectionFields(props: {
  i: number;
  s: PlanSection;
  kinds: Array<{ code: string; label: string }>;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const { i, s, kinds, errors } = props;
  const p = `s${i}_`;
  const isNew = s.id === '';
  return (
    <fieldset class="card">
      <legend safe>{isNew ? 'Ajouter une section' : `Section ${i + 1} : ${s.title}`}</legend>
      <input type="hidden" name={`${p}id`} value={s.id} />
      <div class="grid-2">
        <TextField
          name={`${p}ordre`}
          label="Ordre"
          type="number"
          value={isNew ? '' : String(i + 1)}
          hint="Les sections d'un même chapitre suivent cet ordre."
          errors={errors}
        />
        <SelectField
          name={`${p}chapitre`}
          label="Chapitre"
          options={CHAPTERS.map((c) => ({ value: c, label: CHAPTER_LABELS[c] }))}
          value={s.chapter}
          errors={errors}
        />
      </div>
      <TextField name={`${p}titre`} label="Titre" value={s.title} errors={errors} />
      <CheckboxGroup
        name={`${p}types`}
        label="Demandes montrées dans cette section"
        hint="Aucune : une section de texte seulement (« Le bureau », la mise au vert, l'hébergement du site…)."
        values={s.kinds}
        options={kinds.map((k) => ({ value: k.code, label: k.label }))}
        errors={errors}
      />
      <SelectField
        name={`${p}presentation`}
        label="Présentation des demandes"
        options={LAYOUTS.map((l) => ({ value: l, label: LAYOUT_LABELS[l] }))}
        value={s.layout}
        errors={errors}
      />
      <TextArea
        name={`${p}texte`}
        label="Texte en tête de la section"
        hint="Mise en forme : une ligne vide entre les paragraphes, **gras**, *italique*, « - » pour une liste."
        value={s.text}
        rows={5}
        errors={errors}
      />
      <TextArea
        name={`${p}notes`}
        label="Notes (NB), une par ligne"
        value={s.notes.join('\n')}
        rows={2}
        errors={errors}
      />
      {isNew ? (
        ''
      ) : (
        <CheckboxGroup
          name={`${p}supprimer`}
          label="Retirer"
          values={[]}
          options={[{ value: 'oui', label: 'Retirer cette section du rapport' }]}
          errors={errors}
        />
      )}
    </fieldset>
  );
}

/** The board's plan of one report: chapter openings, sections in order, a text per kind. */
export function PlanPage(props: {
  ctx: ViewContext;
  label: string;
  base: string;
  plan: ReportPlanChoices;
  kinds: Array<{ code: string; label: string }>;
  errors?: FieldErrors;
}): JSX.Element {
  const { ctx, label, base, plan, kinds, errors } = props;
  const sections = [...plan.sections, EMPTY_SECTION];
  return (
    <Layout ctx={ctx} title={`Plan du rapport ${label}`}>
      <p>
        <a href={base} safe>{`Retour au rapport ${label}`}</a>
      </p>
      <h1 safe>{`Plan du rapport ${label}`}</h1>
      <ErrorSummary errors={errors} />
      <p>
        Le rapport suit ce plan dans tous ses formats (page, PDF, Word, texte). Chaque type de demande va dans une seule
        section ; les demandes d'avis et les rencontres en bureau peuvent partager une section (par thème) ou en avoir
        chacune une.
      </p>
      <form method="post" action={`${base}/plan`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="sections" value={String(sections.length)} />
        <h2>Textes d'ouverture</h2>
        <TextArea
          name="ouverture_chiffres"
          label={`Ouverture de « ${label} en quelques chiffres »`}
          value={plan.chapterTexts.figures}
          rows={4}
          errors={errors}
        />
        <TextArea
          name="ouverture_bilan"
          label="Ouverture du « Bilan moral »"
          value={plan.chapterTexts.review}
          rows={4}
          errors={errors}
        />
        <h2>Sections</h2>
        {sections.map((s, i) => (
          <SectionFields i={i} s={s} kinds={kinds} errors={errors} />
        ))}
        <h2>Un texte par type de demande</h2>
        <p class="hint">Imprimé en tête des demandes de ce type, dans sa section.</p>
        {kinds.map((k) => (
          <TextArea
            name={`type_${k.code}`}
            label={k.label}
            value={plan.kindTexts[k.code] ?? ''}
            rows={3}
            errors={errors}
          />
        ))}
        <div class="actions">
          <button type="submit">Enregistrer le plan</button>
        </div>
      </form>
    </Layout>
  );
}
