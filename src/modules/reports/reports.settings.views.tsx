import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, SelectField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { COUNTING_RULES, DEFAULT_COUNTING_RULE, LATER_YEAR_TEXT, type CountingRule } from './reports.counting.js';
import { yearsLabel } from './reports.present.js';
import { keysOf } from '../../lib/one-of.js';

export interface CountingRuleRow {
  fromYear: number;
  rule: CountingRule;
}

const RULE_OPTIONS = keysOf(COUNTING_RULES).map((value) => ({
  value,
  label: COUNTING_RULES[value].label,
}));

/** The counting rule, dated: which requests each year's figures count. */
export function CountingRulesPage(props: {
  ctx: ViewContext;
  years: number[];
  base: string;
  rules: CountingRuleRow[];
  values: { fromYear: string; rule: string };
  errors?: FieldErrors;
}): JSX.Element {
  const { ctx, years, base, rules, values, errors } = props;
  const label = yearsLabel(years);
  return (
    <Layout ctx={ctx} title={`Règle de comptage — rapport ${label}`} narrow>
      <p>
        <a href={base} safe>{`Retour au rapport ${label}`}</a>
      </p>
      <h1>Quelles demandes comptent dans les chiffres ?</h1>
      <ErrorSummary errors={errors} />
      <p safe>
        {`Par défaut, ${COUNTING_RULES[DEFAULT_COUNTING_RULE].text.charAt(0).toLowerCase()}${COUNTING_RULES[DEFAULT_COUNTING_RULE].text.slice(1)} Une règle choisie à partir d'une année vaut pour cette année et les suivantes, jusqu'à la prochaine règle. ${LATER_YEAR_TEXT}`}
      </p>
      <h2>Règles en vigueur</h2>
      {rules.length ? (
        <ul>
          {rules.map((r) => (
            <li safe>{`À partir de ${r.fromYear} : ${COUNTING_RULES[r.rule].label}.`}</li>
          ))}
        </ul>
      ) : (
        <p
          safe
        >{`Aucune règle choisie : ${COUNTING_RULES[DEFAULT_COUNTING_RULE].label.toLowerCase()}, chaque année.`}</p>
      )}
      <h2>Choisir une règle</h2>
      <form method="post" action={`${base}/regle`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <SelectField
          name="fromYear"
          label="À partir de l'année"
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
          value={values.fromYear}
          errors={errors}
          required
        />
        <SelectField name="rule" label="Règle" options={RULE_OPTIONS} value={values.rule} errors={errors} required />
        <div class="actions">
          <button type="submit">Enregistrer la règle</button>
        </div>
      </form>
    </Layout>
  );
}
