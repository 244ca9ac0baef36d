import { EventWebhook, EventWebhookHeader } from '@sendgrid/eventwebhook';

export const SENDGRID_SIGNATURE_HEADER = EventWebhookHeader.SIGNATURE().toLowerCase();
export const SENDGRID_TIMESTAMP_HEADER = EventWebhookHeader.TIMESTAMP().toLowerCase();

/** SendGrid's signed event webhook: ECDSA (P-256, SHA-256) over the timestamp header followed by the raw body. */
export class SendGridSignatureVerifier {
  private readonly webhook = new EventWebhook();
  private readonly publicKey: ReturnType<EventWebhook['convertPublicKeyToECDSA']>;

  constructor(verificationKey: string) {
    this.publicKey = this.webhook.convertPublicKeyToECDSA(verificationKey);
  }

  isAuthentic(rawBody: Buffer, signature: string, timestamp: string): boolean {
    try {
      return this.webhook.verifySignature(this.publicKey, rawBody, signature, timestamp);
    } catch {
      // The library throws on a signature that is not DER: that is a bad signature, not our failure.
      return false;
    }
  }
}
