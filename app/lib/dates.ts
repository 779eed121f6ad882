/**
 * Calendar dates as they decide money and deadlines in Belgium: YYYY-MM-DD in Europe/Brussels.
 * Every due date, window, deadline and execution date comes from here, never from slicing an ISO
 * timestamp (a UTC date, a day off between midnight and 01:00 or 02:00 in Brussels; the linter
 * refuses that in app/).
 */
export const timeZone = "Europe/Brussels";

// Made once: building an Intl formatter costs far more than formatting with it.
const brusselsDay = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
const brusselsSecond = new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

/** The date in Belgium at `at` (now by default). */
export function belgianDate(at: Date = new Date()) {
  return brusselsDay.format(at);
}

/** The date and time in Belgium at `at`, as ISO 8601 without a zone (2026-12-02T21:05:00): SEPA's CreDtTm. */
export function belgianDateTime(at: Date = new Date()) {
  return brusselsSecond.format(at).replace(" ", "T");
}

/**
 * Whether `text` is a day that exists, written YYYY-MM-DD, in the years a programme can concern.
 * Date.parse alone is not enough: it turns 2026-02-30 into 2 March, and PostgreSQL refuses it.
 */
export function isCalendarDate(text: string) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2999 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Calendar arithmetic runs on UTC midnights, where no clock ever changes. */
const utc = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
const utcDay = new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" });
const iso = (date: Date) => utcDay.format(date);

/** Calendar arithmetic: `days` later (or earlier) than `isoDate`, whatever the clocks do. */
export function addDays(isoDate: string, days: number) {
  const date = utc(isoDate);
  date.setUTCDate(date.getUTCDate() + days);
  return iso(date);
}

/** `years` later (or earlier); 29 February becomes 28 February in a year without one. */
export function addYears(isoDate: string, years: number) {
  const [year, month, day] = isoDate.split("-").map(Number);
  const date = new Date(Date.UTC(year + years, month - 1, day));
  if (date.getUTCMonth() !== month - 1) date.setUTCDate(0);
  return iso(date);
}

/** Easter Sunday (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher). */
function easter(year: number) {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Days Belgian banks execute no transfers: the TARGET2 closing days (1 January, Good Friday,
 * Easter Monday, 1 May, 25 and 26 December) and the Belgian legal holidays (Ascension, Whit
 * Monday, 21 July, 15 August, 1 and 11 November).
 */
export function belgianBankHolidays(year: number) {
  const easterSunday = easter(year);
  return new Set([
    `${year}-01-01`,
    addDays(easterSunday, -2),
    addDays(easterSunday, 1),
    `${year}-05-01`,
    addDays(easterSunday, 39),
    addDays(easterSunday, 50),
    `${year}-07-21`,
    `${year}-08-15`,
    `${year}-11-01`,
    `${year}-11-11`,
    `${year}-12-25`,
    `${year}-12-26`,
  ]);
}

export function isBelgianBankingDay(isoDate: string) {
  const weekday = utc(isoDate).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !belgianBankHolidays(Number(isoDate.slice(0, 4))).has(isoDate);
}

/** The banking day `days` Belgian banking days after `isoDate` (0: the first on or after it). */
export function addBelgianBankingDays(isoDate: string, days: number) {
  let day = nextBelgianBankingDay(isoDate);
  for (let i = 0; i < days; i++) day = nextBelgianBankingDay(addDays(day, 1));
  return day;
}

/** Banking days from `from` to `to`: 0 on the day itself, negative once `to` has passed. */
export function bankingDaysBetween(from: string, to: string): number {
  if (to < from) return -bankingDaysBetween(to, from);
  let days = 0;
  for (let day = from; day < to; day = addDays(day, 1)) if (isBelgianBankingDay(addDays(day, 1))) days++;
  return days;
}

/** The first Belgian banking day on or after `isoDate`. */
export function nextBelgianBankingDay(isoDate: string) {
  let day = isoDate;
  while (!isBelgianBankingDay(day)) day = addDays(day, 1);
  return day;
}
