import { foldText } from '../../lib/text.js';
import { isTicked, str, strList } from '../../web/validation.js';
import type { FieldErrors } from '../../web/forms.js';
import type { Chapter, PlanSection, ReportPlanChoices, SectionLayout } from './reports.model.js';
import { CHAPTERS, LAYOUTS, MAX_SECTIONS } from './reports.plan-settings.service.js';

/**
 * The plan's form (one fieldset per section, plus an empty one to add a
 * section) → the board's choices, or French messages per field. Works without
 * JavaScript: order by numbers, removal by a checkbox.
 */
const TEXT_MAX = 50_000;
const TITLE_MAX = 200;

function slug(title: string): string {
  return (
    foldText(title)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'section'
  );
}

export interface PlanFormResult {
  plan: ReportPlanChoices;
  errors: FieldErrors;
}

/** Reads the posted form. `kindLabels`: every known kind code → its label. */
export function readPlanForm(body: Record<string, unknown>, kindLabels: ReadonlyMap<string, string>): PlanFormResult {
  const errors: FieldErrors = {};
  const count = Math.min(MAX_SECTIONS + 1, Math.max(0, Number(str(body.sections)) || 0));
  const text = (name: string, label: string) => {
    const v = str(body[name]).replace(/\r\n/g, '\n').trim();
    if (v.length > TEXT_MAX) errors[name] = `${label} : ${TEXT_MAX} caractères au maximum.`;
    return v;
  };
  const sections: Array<PlanSection & { order: number; index: number }> = [];
  const usedIds = new Set<string>();
  const kindOwner = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const p = `s${i}_`;
    if (isTicked(body[`${p}supprimer`])) continue;
    const kinds = strList(body[`${p}types`]).filter((k, j, all) => all.indexOf(k) === j);
    const title = str(body[`${p}titre`]).trim();
    const sectionText = text(`${p}texte`, `Section ${i + 1}, texte`);
    const notes = str(body[`${p}notes`])
      .split(/\r?\n/)
      .map((n) => n.trim())
      .filter(Boolean);
    const isNew = str(body[`${p}id`]) === '';
    if (isNew && !title && !kinds.length && !sectionText && !notes.length) continue;
    for (const k of kinds) {
      if (!kindLabels.has(k)) errors[`${p}types`] = `Section ${i + 1} : type de demande inconnu « ${k} ».`;
      const owner = kindOwner.get(k);
      if (owner !== undefined)
        errors[`${p}types`] =
          `Section ${i + 1} : « ${kindLabels.get(k) ?? k} » est déjà dans la section ${owner + 1} ; un type va dans une seule section.`;
      kindOwner.set(k, i);
    }
    const finalTitle = title || kinds.map((k) => kindLabels.get(k) ?? k).join(', ');
    if (!finalTitle) errors[`${p}titre`] = `Section ${i + 1} : donnez un titre (ou choisissez des types de demande).`;
    if (finalTitle.length > TITLE_MAX)
      errors[`${p}titre`] = `Section ${i + 1} : titre de ${TITLE_MAX} caractères au plus.`;
    const chapter = str(body[`${p}chapitre`]) as Chapter;
    if (!CHAPTERS.includes(chapter)) errors[`${p}chapitre`] = `Section ${i + 1} : choisissez un chapitre.`;
    const layout = str(body[`${p}presentation`]) as SectionLayout;
    if (!LAYOUTS.includes(layout)) errors[`${p}presentation`] = `Section ${i + 1} : choisissez une présentation.`;
    const orderRaw = str(body[`${p}ordre`]).trim();
    const order = orderRaw === '' ? 1000 + i : Number(orderRaw);
    if (!Number.isFinite(order)) errors[`${p}ordre`] = `Section ${i + 1} : l'ordre est un nombre (1, 2, 3…).`;
    if (notes.some((n) => n.length > 2000))
      errors[`${p}notes`] = `Section ${i + 1} : une note de 2 000 caractères au plus.`;
    let id = str(body[`${p}id`]).trim().slice(0, 80) || slug(finalTitle);
    while (usedIds.has(id)) id = `${id}-${i + 1}`;
    usedIds.add(id);
    sections.push({ id, chapter, title: finalTitle, kinds, layout, text: sectionText, notes, order, index: i });
  }
  if (sections.length > MAX_SECTIONS) errors.sections = `${MAX_SECTIONS} sections au plus.`;
  const kindTexts: Record<string, string> = {};
  for (const [code, label] of kindLabels) {
    const v = text(`type_${code}`, `Texte pour « ${label} »`);
    if (v) kindTexts[code] = v;
  }
  return {
    plan: {
      chapterTexts: {
        figures: text('ouverture_chiffres', 'Ouverture des chiffres'),
        review: text('ouverture_bilan', 'Ouverture du bilan moral'),
      },
      sections: sections
        .sort((a, b) => a.order - b.order || a.index - b.index)
        .map(({ order: _order, index: _index, ...s }) => s),
      kindTexts,
    },
    errors,
  };
}
