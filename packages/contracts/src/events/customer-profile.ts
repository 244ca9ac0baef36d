import { z } from 'zod';

/** What we know about how to reach a customer. Every field is optional: CRMs are patchy. */
export const customerProfileSchema = z.object({
  email: z.string().email().optional(),
  /** E.164, e.g. +15558675310. */
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number like +15558675310').optional(),
  firstName: z.string().max(100).optional(),
  lastName: z.string().max(100).optional(),
  /** BCP 47, e.g. es-MX; used for the message's language. */
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag like es-MX').optional(),
  country: z.string().length(2).optional(),
  /** IANA zone, e.g. Europe/Madrid; quiet hours are kept in the customer's own time. */
  timeZone: z.string().max(64).optional(),
  emailConsent: z.boolean().optional(),
  smsConsent: z.boolean().optional(),
});

export type CustomerProfile = z.infer<typeof customerProfileSchema>;
