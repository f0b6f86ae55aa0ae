/**
 * Deterministic JSON: object keys sorted, bigints as decimal strings, arrays in their order, no whitespace. Two
 * equal states give byte-equal strings (what two nodes' dumps are compared by).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.filter(([, v]) => v !== undefined).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
