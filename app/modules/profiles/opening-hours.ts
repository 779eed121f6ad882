/*
 * Opening hours as shopkeepers write them: "09:00-12:30, 13:30-18:00", but also "9u-18u",
 * "9u30 - 12u", "9:00–18:00", "9.00 tot 18.00", "9-12 en 14-18". Each time becomes HH:MM; a day
 * is a list of ranges, each opening before it closes. Empty means closed.
 */
export interface OpeningRange {
  open: string;
  close: string;
}

/** "9", "9u", "9u30", "9:30", "09.30", "9h30" → "09:30"; null if it is not a time of day. */
function timeOfDay(text: string): string | null {
  const match = /^(\d{1,2})(?:\s*[:.uh]\s*(\d{2})?)?\s*(?:u|h|uur)?$/i.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** The ranges of one day, or null when the text cannot be read as opening hours. */
export function parseDayHours(text: string): OpeningRange[] | null {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const ranges = trimmed.split(/\s*(?:,|;|\/|&|\ben\b|\band\b)\s*/i).filter(Boolean);
  const parsed: OpeningRange[] = [];
  for (const range of ranges) {
    const parts = range.split(/\s*(?:-|–|—|\btot\b|\bto\b)\s*/i);
    if (parts.length !== 2) return null;
    const [open, close] = parts.map(timeOfDay);
    if (!open || !close || open >= close) return null;
    parsed.push({ open, close });
  }
  return parsed;
}
