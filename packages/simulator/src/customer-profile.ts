import { chance, pickWeighted } from './distributions';
import { LOCALE_PROFILES } from './profile-names';
import { deriveSeed, mulberry32, type Random } from './prng';

export interface CustomerProfile {
  customerId: string;
  name: string;
  email: string;
  /** E.164 (`+447700900123`), or null: not every customer leaves a phone number. */
  phone: string | null;
  /** BCP 47 language tag the customer reads messages in. */
  locale: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

const MISSING_PHONE_SHARE = 0.15;
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];

/**
 * A made-up but stable identity for a simulated customer: the same id and seed always give the same person,
 * independently of the transactions. Emails use the reserved example.* domains so a demo can never mail anyone.
 */
export function customerProfile(customerId: string, seed: number): CustomerProfile {
  const random = mulberry32(deriveSeed(seed, `profile:${customerId}`));
  const data = pickWeighted(random, LOCALE_PROFILES);
  const first = pick(random, data.firstNames);
  const last = pick(random, data.lastNames);
  const digit = (): number => Math.floor(random() * 10);
  const email = `${asciiLocalPart(first)}.${asciiLocalPart(last)}${Math.floor(random() * 100)}@${pick(random, EMAIL_DOMAINS)}`;
  const phone = chance(random, MISSING_PHONE_SHARE) ? null : `+${data.callingCode}${data.nationalNumber(digit)}`;
  return { customerId, name: `${first} ${last}`, email, phone, locale: data.locale, country: data.country };
}

function pick<T>(random: Random, options: readonly T[]): T {
  return options[Math.floor(random() * options.length)];
}

function asciiLocalPart(name: string): string {
  return name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}
