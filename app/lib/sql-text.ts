/** Text a user typed, made literal inside a LIKE/ILIKE pattern: `%`, `_` and `\` lose their meaning. */
export function likeLiteral(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
