// Dates of a time column: parsing to UTC milliseconds, frequency inference, calendar stepping.
// Accepted: 2020-01-31, 2020/1/31, 2020-01 (a month), 2020.01, 2020年1月, 2020Q1 / 2020-Q1, 1990 (a year),
// optionally with a time of day.

import { UserError } from '../errors.js';

export const FREQUENCIES = ['yearly', 'quarterly', 'monthly', 'weekly', 'daily', 'hourly', 'rows'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** The natural seasonal period of each frequency (1 = none). */
export const SEASON: { [F in Frequency]: number } = {
  yearly: 1,
  quarterly: 4,
  monthly: 12,
  weekly: 52,
  daily: 7,
  hourly: 24,
  rows: 1,
};

export function parseDate(s: string): number {
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  m = /^(\d{4})[-/.](\d{1,2})$/.exec(s);
  if (m) return Date.UTC(+m[1], +m[2] - 1, 1);
  m = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$/.exec(s);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +(m[3] ?? 1));
  m = /^(\d{4})-?Q([1-4])$/i.exec(s);
  if (m) return Date.UTC(+m[1], (+m[2] - 1) * 3, 1);
  m = /^(\d{4})(?:\.0+)?$/.exec(s);
  if (m) return Date.UTC(+m[1], 0, 1);
  return NaN;
}

const DAY = 86_400_000;

export function inferFrequency(times: number[]): Frequency {
  if (times.length < 2) return 'rows';
  const diffs = times
    .slice(1)
    .map((t, i) => (t - times[i]) / DAY)
    .sort((a, b) => a - b);
  const med = diffs[diffs.length >> 1];
  if (med >= 360 && med <= 370) return 'yearly';
  if (med >= 88 && med <= 93) return 'quarterly';
  if (med >= 28 && med <= 31) return 'monthly';
  if (med === 7) return 'weekly';
  if (med === 1) return 'daily';
  if (Math.abs(med - 1 / 24) < 1e-9) return 'hourly';
  return 'rows';
}

/** The time k periods after t (calendar-aware for months, quarters and years). */
export function stepTime(t: number, freq: Frequency, k: number): number {
  const d = new Date(t);
  switch (freq) {
    case 'yearly':
      return Date.UTC(d.getUTCFullYear() + k, d.getUTCMonth(), d.getUTCDate());
    case 'quarterly':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3 * k, d.getUTCDate());
    case 'monthly':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, d.getUTCDate());
    case 'weekly':
      return t + 7 * k * DAY;
    case 'daily':
      return t + k * DAY;
    case 'hourly':
      return t + (k * DAY) / 24;
    case 'rows':
      return NaN;
    default: {
      const never: never = freq;
      throw new Error(`unknown frequency ${String(never)}`);
    }
  }
}

/** An ISO date (a month as YYYY-MM-DD of its first day), a date-time for hourly data, or a bare year when the
 *  input wrote bare years (`yearOnly`, yearly data only). */
export function formatTime(t: number, freq: Frequency, yearOnly = false): string {
  if (!Number.isFinite(t)) return '';
  const iso = new Date(t).toISOString();
  if (freq === 'yearly' && yearOnly) return iso.slice(0, 4);
  if (freq === 'hourly') return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  return iso.slice(0, 10);
}

export function dateError(file: string, row: number, column: string, value: string): UserError {
  return new UserError({
    file,
    row,
    column,
    message: `"${value}" is not a date`,
    hint: 'write dates as 2020-01-31, 2020-01 or 2020, or fix the cell',
  });
}
