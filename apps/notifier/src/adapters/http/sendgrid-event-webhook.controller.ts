import { BadRequestException, Controller, Headers, HttpCode, Inject, Post, Req, UnauthorizedException, type RawBodyRequest } from '@nestjs/common';
import { newEventId } from '@syncengage/contracts';
import type { Request } from 'express';
import { RecordEngagement } from '../../application/record-engagement';
import { engagementFactOf, MalformedWebhook, parseSendGridEvents } from './sendgrid-events';
import { SENDGRID_SIGNATURE_HEADER, SENDGRID_TIMESTAMP_HEADER, SendGridSignatureVerifier } from './sendgrid-signature';
import { WEBHOOK_CLOCK } from './webhook-clock';

export interface WebhookReceipt {
  received: number;
  recorded: number;
  duplicates: number;
  ignored: number;
}

/** SendGrid's signed Event Webhook: delivery and engagement of our emails, and the suppressions they imply. */
@Controller('webhooks/sendgrid')
export class SendGridEventWebhookController {
  constructor(
    private readonly verifier: SendGridSignatureVerifier,
    @Inject(RecordEngagement) private readonly recordEngagement: RecordEngagement,
    @Inject(WEBHOOK_CLOCK) private readonly now: () => Date,
  ) {}

  @Post()
  @HttpCode(200)
  async receive(
    @Req() request: RawBodyRequest<Request>,
    @Headers(SENDGRID_SIGNATURE_HEADER) signature: string | undefined,
    @Headers(SENDGRID_TIMESTAMP_HEADER) timestamp: string | undefined,
  ): Promise<WebhookReceipt> {
    if (!signature || !timestamp) throw new UnauthorizedException(`missing ${SENDGRID_SIGNATURE_HEADER} or ${SENDGRID_TIMESTAMP_HEADER}`);
    if (!request.rawBody) throw new BadRequestException('expected a JSON body (Content-Type: application/json)');
    if (!this.verifier.isAuthentic(request.rawBody, signature, timestamp)) throw new UnauthorizedException('signature does not match the body');
    let events;
    try {
      events = parseSendGridEvents(request.rawBody);
    } catch (error) {
      if (error instanceof MalformedWebhook) throw new BadRequestException(error.message);
      throw error;
    }
    const receipt: WebhookReceipt = { received: events.length, recorded: 0, duplicates: 0, ignored: 0 };
    const traceId = newEventId();
    for (const event of events) {
      const fact = engagementFactOf(event, this.now());
      const outcome = fact ? await this.recordEngagement.execute(fact, traceId) : undefined;
      if (outcome?.state === 'recorded') receipt.recorded += 1;
      else if (outcome?.state === 'duplicate') receipt.duplicates += 1;
      else receipt.ignored += 1;
    }
    return receipt;
  }
}
