import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Headers,
  HttpCode,
  Inject,
  Logger,
  Post,
  Req,
  ServiceUnavailableException,
  UnauthorizedException,
  type RawBodyRequest,
} from '@nestjs/common';
import type { Request } from 'express';
import { EventHeaders, newEventId } from '@syncengage/contracts';
import { AcceptCustomerUpdate } from '../../application/accept-customer-update';
import { INGEST_CONFIG } from '../../tokens';
import type { IngestConfig } from '../../config';
import { SIGNATURE_HEADER, verifySignature } from '../../domain/webhook-signature';

@Controller('webhook')
export class WebhookController {
  private readonly logger = new Logger(WebhookController.name);

  constructor(
    private readonly acceptCustomerUpdate: AcceptCustomerUpdate,
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
  ) {}

  /** 202 once the event is durably in Kafka; 400 names the bad fields; 401 on a bad signature; 503 lets the sender retry. */
  @Post('customer-updated')
  @HttpCode(202)
  async customerUpdated(
    @Req() request: RawBodyRequest<Request>,
    @Body() body: unknown,
    @Headers(SIGNATURE_HEADER) signature: string | undefined,
    @Headers(EventHeaders.TraceId) traceHeader: string | undefined,
  ): Promise<{ eventId: string }> {
    if (!this.config.enableWebhooks) throw new ForbiddenException('webhooks are disabled (ENABLE_WEBHOOKS=false)');
    if (this.config.webhookSigningSecret) {
      const check = verifySignature(this.config.webhookSigningSecret, request.rawBody ?? Buffer.alloc(0), signature);
      if (!check.valid) throw new UnauthorizedException(check.reason);
    }
    let outcome;
    try {
      outcome = await this.acceptCustomerUpdate.execute(body, traceHeader ?? newEventId());
    } catch (error) {
      this.logger.error(`could not publish customer-updated: ${(error as Error).message}`);
      throw new ServiceUnavailableException('the event could not be stored; retry later');
    }
    if (!outcome.accepted) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: outcome.problems });
    return { eventId: outcome.eventId };
  }
}
