import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';

/** Namespace for ids we derive; fixed forever, or derived ids would change meaning. */
const SYNCENGAGE_NAMESPACE = '6f1c2a4e-8b57-4d0e-9a1c-5b2d7e3f9c10';

export const newEventId = (): string => uuidv4();

/**
 * The id of an event caused by another, the same on every retry or redelivery: a consumer that handles
 * its input twice publishes the same id twice, and downstream de-duplication drops the copy.
 */
export const deriveEventId = (causationId: string, purpose: string): string =>
  uuidv5(`${causationId}:${purpose}`, SYNCENGAGE_NAMESPACE);
