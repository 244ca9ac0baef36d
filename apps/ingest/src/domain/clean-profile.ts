import { customerProfileSchema, type CustomerProfile } from '@syncengage/contracts';

/**
 * CRMs hold what people typed: "n/a" as an email, "555-1234" as a phone. A field that would fail our event
 * schema is left out (and reported) rather than failing the whole customer, which would stall a sync.
 */
export function cleanProfile(candidate: Partial<Record<keyof CustomerProfile, unknown>>): { profile: CustomerProfile; dropped: string[] } {
  const profile: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [field, value] of Object.entries(candidate)) {
    if (value === undefined || value === null || value === '') continue;
    const shape = customerProfileSchema.shape[field as keyof CustomerProfile];
    if (!shape) continue;
    const parsed = shape.safeParse(typeof value === 'string' ? value.trim() : value);
    if (parsed.success) profile[field] = parsed.data;
    else dropped.push(field);
  }
  return { profile: profile as CustomerProfile, dropped };
}
