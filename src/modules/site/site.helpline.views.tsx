import { translator, type Locale } from '../../web/i18n/index.js';
import { formatDay, formatHour } from '../../lib/locale-format.js';
import { helplineSchedule } from './site.format.js';
import type { HelplineInfo } from './site.helpline.service.js';

/** « jeudi 26 novembre 2026, de 13 h à 16 h ». */
export function helplineWhen(locale: Locale, info: HelplineInfo): string {
  const t = translator(locale);
  if (!info.next) return t('helpline.none');
  return t('helpline.when', {
    date: formatDay(locale, info.next.date, true),
    start: formatHour(locale, info.next.start),
    end: formatHour(locale, info.next.end),
  });
}

export function HelplineCard({
  locale,
  info,
  headingLevel = 2,
}: {
  locale: Locale;
  info: HelplineInfo;
  headingLevel?: 2 | 3;
}): JSX.Element {
  const t = translator(locale);
  const phone = info.settings.helplinePhone.trim();
  // No box announcing a helpline nobody can call: « Mise en route » asks the board for the number first.
  if (!phone) return '';
  return (
    <section class="card helpline" aria-labelledby="permanence">
      {headingLevel === 2 ? (
        <h2 id="permanence" safe>
          {t('helpline.title')}
        </h2>
      ) : (
        <h3 id="permanence" safe>
          {t('helpline.title')}
        </h3>
      )}
      <p safe>{t('helpline.text', { schedule: helplineSchedule(locale, info.settings.helplineSlots) })}</p>
      <p>
        <strong safe>{t('helpline.next')}</strong> <span safe>{helplineWhen(locale, info)}</span>
      </p>
      <p>
        <strong safe>{t('helpline.phone')}</strong>{' '}
        <a href={`tel:${phone.replace(/[^\d+]/g, '')}`} safe>
          {phone}
        </a>
      </p>
    </section>
  );
}
