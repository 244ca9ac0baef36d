import { decodeCampaignResult, Topics, type CampaignResult } from '@syncengage/contracts';
import { RecordingEventPublisher } from '@syncengage/kafka';

/** The recording publisher, with the notifier's own question: which campaign-results came out. */
export class RecordingPublisher extends RecordingEventPublisher {
  results(): CampaignResult[] {
    return this.on(Topics.CampaignResult).map(decodeCampaignResult);
  }
}
