/**
 * Words shopkeepers use for the same thing. Both search engines get these groups: Meilisearch as
 * its synonyms setting, the built-in engine by expanding each query word into its group.
 */
export const synonymGroups: string[][] = [
  ["webshop", "webwinkel", "e-shop", "eshop", "online winkel", "e-commerce"],
  ["website", "webstek", "site", "internetsite"],
  ["sociale media", "social media", "facebook", "instagram", "socials"],
  ["boekingssysteem", "reservatiesysteem", "reserveringssysteem", "online boeken", "booking"],
  ["seo", "zoekmachine", "vindbaarheid", "google"],
  ["kassa", "kassasysteem", "pos"],
  ["nieuwsbrief", "e-mailmarketing", "mailing", "newsletter"],
  ["fotografie", "foto", "video", "content"],
  ["betalen", "betaling", "payconiq", "bancontact"],
  ["beveiliging", "cybersecurity", "veiligheid", "gdpr"],
];

const stopWords = new Set(["de", "het", "een", "en", "van", "voor", "met", "op", "in", "the", "and", "of", "for", "to", "a"]);

function normalise(text: string) {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

/**
 * The query as groups of alternatives: each word with its synonyms (a group matches a word only
 * when one of its one-word synonyms is that word), plus the groups of multi-word synonyms that
 * appear as a phrase ("sociale media").
 */
export function expandQuery(text: string): string[][] {
  const plain = normalise(text);
  const words = plain
    .split(/[^a-z0-9-]+/)
    .filter((w) => w.length >= 2 && !stopWords.has(w))
    .slice(0, 10);
  const groups: string[][] = [];
  const padded = ` ${plain.replace(/[^a-z0-9-]+/g, " ")} `;
  for (const group of synonymGroups) {
    if (group.some((s) => s.includes(" ") && padded.includes(` ${s} `))) groups.push(group);
  }
  for (const word of words) {
    const group = synonymGroups.find((g) => g.includes(word));
    groups.push(group ? [...new Set([word, ...group])] : [word]);
  }
  return groups;
}
/** The synonyms setting Meilisearch documents: each word maps to the others of its group. */
export function meilisearchSynonyms() {
  const map: Record<string, string[]> = {};
  for (const group of synonymGroups) for (const word of group) map[word] = group.filter((w) => w !== word);
  return map;
}
