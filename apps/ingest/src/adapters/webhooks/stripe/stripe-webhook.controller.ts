import { Body, Controller, Headers, HttpCode, Post, Req, Res, type RawBodyRequest } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventHeaders } from '@syncengage/contracts';
import type { DeliveryReport } from '../../../application/accept-webhook-deliveries';
import { WebhookEdge } from '../webhook-edge';
import { STRIPE_SOURCE, stripeDelivery } from './stripe-events';
import { STRIPE_SIGNATURE_HEADER, verifyStripeSignature } from './stripe-signature';

@Controller('webhook')
export class StripeWebhookController {
  constructor(private readonly edge: WebhookEdge) {}

  @Post('stripe')
  @HttpCode(200)
  async receive(
    @Req() request: RawBodyRequest<Request>,
    @Res({ passthrough: true }) response: Response,
    @Body() body: unknown,
    @Headers(STRIPE_SIGNATURE_HEADER) signature: string | undefined,
    @Headers(EventHeaders.TraceId) traceHeader: string | undefined,
  ): Promise<DeliveryReport> {
    await this.edge.admit(STRIPE_SOURCE, response);
    const secret = this.edge.secretOf(this.edge.config.vendorSecrets.stripeWebhookSecret, 'STRIPE_WEBHOOK_SECRET');
    const rawBody = request.rawBody ?? Buffer.alloc(0);
    this.edge.assertSigned(verifyStripeSignature(secret, rawBody, signature, new Date(), this.edge.config.webhookToleranceSeconds));
    const parsed = stripeDelivery(body);
    if (!parsed.ok) this.edge.malformed(parsed.problems);
    return this.edge.deliver(STRIPE_SOURCE, [parsed.delivery], traceHeader);
  }
}
