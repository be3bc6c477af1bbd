import { brusselsDayAndTime } from '../../lib/time.js';
import { addDays, isoWeekday } from '../../lib/belgian-calendar.js';
import type { Schedule } from './jobs.types.js';

/**
 * The period a schedule is in at `now`, as a stable key: the start instant
 * (UTC, to the second) for an interval, the Brussels date for a daily or
 * weekly job (« 2026-11-27 »: the day whose run is due, yesterday's until
 * today's hour comes).
 */
export function periodKey(schedule: Schedule, now: Date): string {
  switch (schedule.every) {
    case 'interval': {
      const ms = schedule.seconds * 1000;
      return new Date(Math.floor(now.getTime() / ms) * ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    case 'day': {
      const { day, time } = brusselsDayAndTime(now);
      return time >= schedule.at ? day : addDays(day, -1);
    }
    case 'week': {
      const { day, time } = brusselsDayAndTime(now);
      let back = (isoWeekday(day) - schedule.weekday + 7) % 7;
      if (back === 0 && time < schedule.at) back = 7;
      return addDays(day, -back);
    }
  }
}

/** Roughly how long one period lasts, to decide how long its records are worth keeping. */
export function periodSeconds(schedule: Schedule): number {
  if (schedule.every === 'interval') return schedule.seconds;
  return schedule.every === 'day' ? 86_400 : 7 * 86_400;
}
