import type { Request } from 'express';
import { validateRequest } from 'twilio';

export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';

/**
 * X-Twilio-Signature: HMAC-SHA1 with the auth token over the URL Twilio called followed by the sorted POST
 * parameters. Behind a proxy our Host is not the one Twilio called, so the public URL comes from config.
 */
export class TwilioSignatureVerifier {
  constructor(private readonly authToken: string, private readonly publicUrl?: string) {}

  isAuthentic(request: Request, signature: string): boolean {
    const origin = this.publicUrl ?? `${request.protocol}://${request.get('host') ?? ''}`;
    return validateRequest(this.authToken, signature, `${origin}${request.originalUrl}`, formParams(request));
  }
}

/** The form fields as Twilio sent them: strings only (anything else is not from Twilio and fails the check). */
export function formParams(request: Request): Record<string, string> {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
