import type { CampaignResult } from '@syncengage/contracts';
import { advanceJourney, exitJourney, type JourneyEvent } from '../domain/journey';
import { journeyOf } from '../domain/journey-definition';
import type { DecideInJourney, JourneyInstance, JourneyProgress, JourneyStore } from './journey-ports';
import { journeyStepMessageId, type SendJourneyStep } from './send-journey-step';

/** Moves journeys on: due timers (the poller) and campaign-results (opened, clicked, converted). */
export class AdvanceJourneys {
  constructor(
    private readonly store: JourneyStore,
    private readonly sendStep: SendJourneyStep,
    private readonly now: () => Date,
    private readonly batchSize = 50,
  ) {}

  /** Fires every timer due now, a batch per transaction; returns how many journeys moved. */
  async fireDue(): Promise<number> {
    let fired = 0;
    for (;;) {
      const now = this.now();
      const count = await this.store.fireDue(now, this.batchSize, (instance, decide) => this.advance(instance, decide, { kind: 'timer', now }, 'timer'));
      fired += count;
      if (count < this.batchSize) return fired;
    }
  }

  /** Results are cumulative and the state machine only moves forward, so a redelivered result changes nothing. */
  async onResult(result: CampaignResult): Promise<boolean> {
    const now = this.now();
    const event: JourneyEvent = { kind: 'result', now, messageId: result.messageId, opened: result.opened, clicked: result.clicked, converted: result.converted };
    return this.store.withActive(result.customerId, result.campaignId, now, (instance, decide) => this.advance(instance, decide, event, `result ${result.stage ?? result.status}`));
  }

  private async advance(instance: JourneyInstance, decide: DecideInJourney, event: JourneyEvent, label: string): Promise<JourneyProgress> {
    const { campaign } = instance;
    const journey = journeyOf(campaign);
    if (!journey) return { state: exitJourney(instance.state, `${instance.campaignId}@${instance.campaignVersion} has no journey`), event: label, trail: [] };
    const outcome = advanceJourney(journey, instance.state, event, (ordinal) => journeyStepMessageId(instance.instanceId, ordinal));
    for (const send of outcome.sends) await this.sendStep.execute(decide, instance, campaign, send, event.now);
    return { state: outcome.state, event: label, trail: outcome.trail };
  }
}
