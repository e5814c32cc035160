/**
 * date-range.ts
 *
 * Small utilities for working with calendar date ranges, as used by the
 * booking calendar. All dates are "plain" calendar dates (no time of day,
 * no time zone) represented as ISO strings like "2025-03-14". Internally we
 * convert them to a day number (days since 1970-01-01, UTC) so that
 * daylight-saving changes can never shift a date by one.
 *
 * Ranges are half-open: `start` is included, `end` is excluded. A hotel stay
 * checking in on the 10th and out on the 13th is { start: "…-10", end: "…-13" }
 * and covers 3 nights.
 */

export type IsoDate = string;

export interface DateRange {
  start: IsoDate; // inclusive
  end: IsoDate; // exclusive
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parse "YYYY-MM-DD" into a UTC day number. Throws on invalid dates such as 2025-02-30. */
export function toDayNumber(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) {
    throw new RangeError(`Not an ISO date: "${date}"`);
  }
  const [, y, m, d] = match.map(Number);
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  // Date.UTC silently rolls over (Feb 30 -> Mar 2), so verify the round trip.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`Invalid calendar date: "${date}"`);
  }
  return Math.floor(ms / MS_PER_DAY);
}

/** Convert a UTC day number back to "YYYY-MM-DD". */
export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Add (or subtract, if negative) a number of days to a date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Create a validated range. Throws if end is before start. Empty ranges (start === end) are allowed. */
export function makeRange(start: IsoDate, end: IsoDate): DateRange {
  if (toDayNumber(end) < toDayNumber(start)) {
    throw new RangeError(`Range end ${end} is before start ${start}`);
  }
  return { start, end };
}

/** Number of days (nights) in the range. */
export function lengthInDays(range: DateRange): number {
  return toDayNumber(range.end) - toDayNumber(range.start);
}

/** True if `date` falls inside the half-open range. */
export function contains(range: DateRange, date: IsoDate): boolean {
  const d = toDayNumber(date);
  return d >= toDayNumber(range.start) && d < toDayNumber(range.end);
}

/**
 * True if the two ranges share at least one day. Ranges that merely touch
 * (one ends on the day the other starts) do NOT overlap, which is exactly
 * what we want for back-to-back hotel bookings.
 */
export function overlaps(a: DateRange, b: DateRange): boolean {
  return toDayNumber(a.start) < toDayNumber(b.end) && toDayNumber(b.start) < toDayNumber(a.end);
}

/** The overlapping part of two ranges, or null if they do not overlap. */
export function intersection(a: DateRange, b: DateRange): DateRange | null {
  if (!overlaps(a, b)) return null;
  const start = Math.max(toDayNumber(a.start), toDayNumber(b.start));
  const end = Math.min(toDayNumber(a.end), toDayNumber(b.end));
  return { start: fromDayNumber(start), end: fromDayNumber(end) };
}

/**
 * Merge a list of ranges into the smallest set of non-overlapping ranges.
 * Touching ranges are merged too, so [1–3) and [3–5) become [1–5).
 * Empty ranges are dropped. The result is sorted by start date.
 */
export function mergeRanges(ranges: DateRange[]): DateRange[] {
  const sorted = ranges
    .filter((r) => lengthInDays(r) > 0)
    .map((r) => [toDayNumber(r.start), toDayNumber(r.end)] as [number, number])
    .sort((x, y) => x[0] - y[0]);

  const merged: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) {
      last[1] = Math.max(last[1], e);
    } else {
      merged.push([s, e]);
    }
  }
  return merged.map(([s, e]) => ({ start: fromDayNumber(s), end: fromDayNumber(e) }));
}

/**
 * Given a period and a list of booked ranges, return the free gaps that are
 * at least `minNights` long. Used to show "available stays" in the calendar.
 */
export function freeGaps(period: DateRange, booked: DateRange[], minNights = 1): DateRange[] {
  const busy = mergeRanges(booked);
  const gaps: DateRange[] = [];
  let cursor = toDayNumber(period.start);
  const periodEnd = toDayNumber(period.end);

  for (const b of busy) {
    const bs = toDayNumber(b.start);
    const be = toDayNumber(b.end);
    if (be <= cursor) continue; // booking entirely before the cursor
    if (bs >= periodEnd) break; // bookings are sorted; nothing more inside the period
    if (bs > cursor) gaps.push({ start: fromDayNumber(cursor), end: fromDayNumber(bs) });
    cursor = Math.max(cursor, be);
  }
  if (cursor < periodEnd) {
    gaps.push({ start: fromDayNumber(cursor), end: fromDayNumber(periodEnd) });
  }
  return gaps.filter((g) => lengthInDays(g) >= minNights);
}

/** Iterate over every date in the range, in order. */
export function* eachDay(range: DateRange): Generator<IsoDate> {
  const end = toDayNumber(range.end);
  for (let d = toDayNumber(range.start); d < end; d++) {
    yield fromDayNumber(d);
  }
}

// Example:
// const june = makeRange("2025-06-01", "2025-07-01");
// const booked = [makeRange("2025-06-03", "2025-06-07"), makeRange("2025-06-07", "2025-06-10")];
// freeGaps(june, booked, 2);
// -> [{ start: "2025-06-01", end: "2025-06-03" }, { start: "2025-06-10", end: "2025-07-01" }]
