import { BadRequestException, Controller, Header, HttpCode, Inject, Post, Req, UnauthorizedException } from '@nestjs/common';
import { newEventId } from '@syncengage/contracts';
import type { Request } from 'express';
import { ENGAGEMENT_STORE, type EngagementStore } from '../../application/ports';
import { RecordEngagement } from '../../application/record-engagement';
import { RecordSmsReply } from '../../application/record-sms-reply';
import { statusFactOf } from './twilio-events';
import { formParams, TWILIO_SIGNATURE_HEADER, TwilioSignatureVerifier } from './twilio-signature';
import { WEBHOOK_CLOCK } from './webhook-clock';

/** An empty TwiML reply: we answer nothing (Twilio itself confirms STOP and START to the customer). */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** Twilio's message status callbacks and incoming messages, both signed with X-Twilio-Signature. */
@Controller('webhooks/twilio')
export class TwilioWebhooksController {
  constructor(
    private readonly verifier: TwilioSignatureVerifier,
    @Inject(ENGAGEMENT_STORE) private readonly store: EngagementStore,
    @Inject(RecordEngagement) private readonly recordEngagement: RecordEngagement,
    @Inject(RecordSmsReply) private readonly recordSmsReply: RecordSmsReply,
    @Inject(WEBHOOK_CLOCK) private readonly now: () => Date,
  ) {}

  @Post('status')
  @HttpCode(200)
  async status(@Req() request: Request): Promise<{ outcome: string }> {
    const params = this.verified(request, ['MessageSid', 'MessageStatus']);
    const fact = statusFactOf(params, this.now());
    if (!fact) return { outcome: 'ignored' };
    const messageId = await this.store.messageIdForProviderMessage(params.MessageSid);
    if (!messageId) return { outcome: 'unknown-message' };
    const outcome = await this.recordEngagement.execute({ ...fact, messageId }, newEventId());
    return { outcome: outcome.state };
  }

  @Post('inbound')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  async inbound(@Req() request: Request): Promise<string> {
    const params = this.verified(request, ['MessageSid', 'From']);
    await this.recordSmsReply.execute({ from: params.From, body: params.Body ?? '', providerMessageId: params.MessageSid, at: this.now().toISOString() }, newEventId());
    return EMPTY_TWIML;
  }

  /** 401 before anything else is looked at; then 400 naming the first missing field. */
  private verified(request: Request, required: readonly string[]): Record<string, string> {
    const signature = request.get(TWILIO_SIGNATURE_HEADER);
    if (!signature) throw new UnauthorizedException(`missing ${TWILIO_SIGNATURE_HEADER}`);
    if (!this.verifier.isAuthentic(request, signature)) throw new UnauthorizedException('signature does not match the URL and parameters');
    const params = formParams(request);
    const missing = required.find((field) => !params[field]);
    if (missing) throw new BadRequestException(`${missing} is required`);
    return params;
  }
}
