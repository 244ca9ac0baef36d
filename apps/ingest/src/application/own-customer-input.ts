import { z } from 'zod';
import { customerProfileSchema, describeIssues } from '@syncengage/contracts';
import type { OwnCustomerPatch } from '../domain/own-customer';

const customerId = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be 1 to 128 printable ASCII characters without spaces');
const attributes = z.record(z.unknown());

const createShape = z
  .object({ id: customerId.optional(), profile: customerProfileSchema.strict().default({}), attributes: attributes.default({}) })
  .strict();

// The profile schema with every field also nullable: null removes the field.
const nullableProfile = z
  .object(Object.fromEntries(Object.entries(customerProfileSchema.shape).map(([field, shape]) => [field, shape.unwrap().nullable().optional()])))
  .strict();
const patchShape = z
  .object({ profile: nullableProfile.optional(), attributes: attributes.optional() })
  .strict()
  .refine((patch) => patch.profile !== undefined || patch.attributes !== undefined, { message: 'give profile or attributes to change' });

export type CreateCustomerInput = z.infer<typeof createShape>;
export type Decoded<T> = { ok: true; value: T } | { ok: false; problems: string[] };

const decoded = <T>(parsed: z.SafeParseReturnType<unknown, T>): Decoded<T> =>
  parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: describeIssues(parsed.error) };

export const decodeCreateCustomer = (body: unknown): Decoded<CreateCustomerInput> => decoded(createShape.safeParse(body));
export const decodeCustomerPatch = (body: unknown): Decoded<OwnCustomerPatch> => decoded(patchShape.safeParse(body)) as Decoded<OwnCustomerPatch>;
export const isCustomerId = (id: string): boolean => customerId.safeParse(id).success;
