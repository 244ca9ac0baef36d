import { ProviderRejected } from './channel-sender';

/**
 * We refused the send ourselves, before any provider was called (too many SMS segments, no WhatsApp template,
 * no push subscription). Permanent, so the campaign's fallback channel applies; 422 because the provider would
 * have refused it too, or it has nowhere to go.
 */
export class SendRefused extends ProviderRejected {
  constructor(provider: string, reason: string) {
    super(provider, 422, reason);
    this.name = 'SendRefused';
    this.message = `${provider} send refused before calling the provider: ${reason}`;
  }
}
