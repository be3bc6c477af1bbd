/**
 * A small iCalendar (RFC 5545) writer: one VCALENDAR of VEVENTs, text escaped
 * (§3.3.11), lines folded at 75 octets (§3.1), CRLF line ends. Timed events
 * are written in UTC (converted from Brussels time), all-day events as dates,
 * so no VTIMEZONE is needed.
 */

export interface IcsEvent {
  uid: string;
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM", Brussels time; absent for an all-day event. */
  start?: string | null;
  end?: string | null;
  /** Last day of an all-day event (included); the start date when absent. */
  endDate?: string | null;
  summary: string;
  location?: string;
  description?: string;
  url?: string;
}

function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const bytes = Buffer.byteLength(ch);
    if (size + bytes > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n ');
}

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Brussels', timeZoneName: 'longOffset' });

/** A Brussels wall-clock time as a UTC instant, "YYYYMMDDTHHMMSSZ". */
export function brusselsToUtc(date: string, hhmm: string): string {
  const naive = new Date(`${date}T${hhmm}:00Z`);
  // The offset in force at that moment (GMT+01:00 in winter, GMT+02:00 in summer).
  const name = offsetFormat
    .formatToParts(new Date(naive.getTime() - 60 * 60 * 1000))
    .find((p) => p.type === 'timeZoneName');
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name?.value ?? '');
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return stamp(new Date(naive.getTime() - minutes * 60 * 1000));
}

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const compactDate = (date: string) => date.replace(/-/g, '');

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function icsCalendar(name: string, events: readonly IcsEvent[], now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Vigie//Agenda//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const e of events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${stamp(now)}`);
    if (e.start) {
      lines.push(`DTSTART:${brusselsToUtc(e.date, e.start)}`);
      if (e.end && e.end > e.start) lines.push(`DTEND:${brusselsToUtc(e.date, e.end)}`);
    } else {
      lines.push(
        `DTSTART;VALUE=DATE:${compactDate(e.date)}`,
        `DTEND;VALUE=DATE:${compactDate(nextDay(e.endDate ?? e.date))}`,
      );
    }
    lines.push(`SUMMARY:${escapeText(e.summary)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
