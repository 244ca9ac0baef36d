/** es-MX → es-MX, es, then the default, then any template at all: the most specific one we have. */
export function resolveLocale(requested: string | undefined, available: readonly string[], fallback = 'en'): string {
  const chain: string[] = [];
  if (requested) {
    const parts = requested.split('-');
    for (let length = parts.length; length > 0; length -= 1) chain.push(parts.slice(0, length).join('-'));
  }
  chain.push(fallback);
  const normalized = new Map(available.map((locale) => [locale.toLowerCase(), locale]));
  for (const candidate of chain) {
    const found = normalized.get(candidate.toLowerCase());
    if (found) return found;
  }
  return available[0] ?? fallback;
}
