import {
  BadRequestException,
  Body,
  Controller,
  Headers,
  HttpCode,
  Logger,
  Post,
  Req,
  Res,
  ServiceUnavailableException,
  type RawBodyRequest,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventHeaders, newEventId } from '@syncengage/contracts';
import { AcceptCustomerUpdate, GENERIC_WEBHOOK_SOURCE } from '../../application/accept-customer-update';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../../domain/webhook-signature';
import { WebhookEdge } from './webhook-edge';

/** The partner's own id for the event; optional, and when given a second delivery publishes nothing. */
export const EVENT_ID_HEADER = 'x-syncengage-event-id';

@Controller('webhook')
export class GenericWebhookController {
  private readonly logger = new Logger(GenericWebhookController.name);

  constructor(
    private readonly acceptCustomerUpdate: AcceptCustomerUpdate,
    private readonly edge: WebhookEdge,
  ) {}

  /** 202 once the event is durably in Kafka (200 for a delivery already taken); 400 names the bad fields; 401 on a bad signature; 503 lets the sender retry. */
  @Post('customer-updated')
  @HttpCode(202)
  async customerUpdated(
    @Req() request: RawBodyRequest<Request>,
    @Res({ passthrough: true }) response: Response,
    @Body() body: unknown,
    @Headers(SIGNATURE_HEADER) signature: string | undefined,
    @Headers(TIMESTAMP_HEADER) timestamp: string | undefined,
    @Headers(EVENT_ID_HEADER) partnerEventId: string | undefined,
    @Headers(EventHeaders.TraceId) traceHeader: string | undefined,
  ): Promise<{ eventId: string; duplicate: boolean }> {
    await this.edge.admit(GENERIC_WEBHOOK_SOURCE, response);
    const { webhookSigningSecret: secret, webhookToleranceSeconds } = this.edge.config;
    if (secret) {
      this.edge.assertSigned(verifySignature(secret, { rawBody: request.rawBody ?? Buffer.alloc(0), signature, timestamp }, new Date(), webhookToleranceSeconds));
    }
    if (partnerEventId !== undefined && !/^[\x21-\x7e]{1,128}$/.test(partnerEventId)) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`${EVENT_ID_HEADER} must be 1 to 128 printable ASCII characters`] });
    }
    // A signed request is unique by its signature (body and timestamp), so an exact replay inside the
    // tolerance window is caught even when the partner sends no event id.
    const deliveryId = partnerEventId ?? (secret ? signature?.trim().toLowerCase() : undefined);
    let outcome;
    try {
      outcome = await this.acceptCustomerUpdate.execute(body, traceHeader ?? newEventId(), deliveryId);
    } catch (error) {
      this.logger.error(`could not publish customer-updated: ${(error as Error).message}`);
      throw new ServiceUnavailableException('the event could not be stored; retry later');
    }
    if (!outcome.accepted) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: outcome.problems });
    if (outcome.duplicate) response.status(200);
    return { eventId: outcome.eventId, duplicate: outcome.duplicate };
  }
}
