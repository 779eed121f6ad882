/** A `;`-separated list in one cell ("website;webshop"), without empties or repeats. */
export function splitList(cell: string) {
  return [...new Set(cell.split(/[;|]/).map((v) => v.trim()).filter(Boolean))];
}
