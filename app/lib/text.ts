/**
 * Control characters a person never types: NUL (which PostgreSQL refuses in text), the other C0
 * codes and DEL. Tab, line feed and carriage return stay: they are how text areas and files break
 * lines.
 */
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const allControlCharacters = /[\u0000-\u001F\u007F]/g;
const anyControlCharacter = new RegExp(allControlCharacters.source);

/** With `lineBreaks: false` tab, line feed and carriage return go too (one-line values: addresses, search words). */
export function withoutControlCharacters(text: string, { lineBreaks = true } = {}) {
  return text.replace(lineBreaks ? controlCharacters : allControlCharacters, "");
}

export function hasControlCharacters(text: string) {
  return anyControlCharacter.test(text);
}

/** Every string in a parsed JSON value cleaned of control characters, keys included. */
export function cleanJson(value: unknown): unknown {
  if (typeof value === "string") return withoutControlCharacters(value);
  if (Array.isArray(value)) return value.map(cleanJson);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutControlCharacters(k), cleanJson(v)]));
  return value;
}

/** Any control character written as a percent-escape (%00 … %1F, %7F). */
const escapedControl = /%(?:[01][0-9a-f]|7f)/i;

/**
 * A request target as it may go further: null when its path holds a control character (no page
 * has such an address), else the same target with control characters dropped from the query
 * string's names and values. Unchanged targets come back as they were, byte for byte.
 */
export function cleanRequestTarget(target: string): string | null {
  const mark = target.indexOf("?");
  const path = mark === -1 ? target : target.slice(0, mark);
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (hasControlCharacters(decodedPath)) return null;
  if (mark === -1) return target;
  const query = target.slice(mark + 1);
  if (!escapedControl.test(query) && !hasControlCharacters(query)) return target;
  const cleaned = new URLSearchParams();
  const oneLine = { lineBreaks: false };
  for (const [name, value] of new URLSearchParams(query)) cleaned.append(withoutControlCharacters(name, oneLine), withoutControlCharacters(value, oneLine));
  const rest = cleaned.toString();
  return rest ? `${path}?${rest}` : path;
}
