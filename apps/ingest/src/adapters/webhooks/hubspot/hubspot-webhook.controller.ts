import { Body, Controller, Headers, HttpCode, Post, Req, Res, type RawBodyRequest } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventHeaders } from '@syncengage/contracts';
import { describeIssues } from '@syncengage/contracts';
import type { DeliveryReport } from '../../../application/accept-webhook-deliveries';
import { WebhookEdge } from '../webhook-edge';
import { HUBSPOT_SOURCE, hubSpotBatchSchema, hubSpotDeliveries } from './hubspot-events';
import { HUBSPOT_SIGNATURE_HEADER, HUBSPOT_TIMESTAMP_HEADER, verifyHubSpotV3 } from './hubspot-signature';

@Controller('webhook')
export class HubSpotWebhookController {
  constructor(private readonly edge: WebhookEdge) {}

  @Post('hubspot')
  @HttpCode(200)
  async receive(
    @Req() request: RawBodyRequest<Request>,
    @Res({ passthrough: true }) response: Response,
    @Body() body: unknown,
    @Headers(HUBSPOT_SIGNATURE_HEADER) signature: string | undefined,
    @Headers(HUBSPOT_TIMESTAMP_HEADER) timestamp: string | undefined,
    @Headers(EventHeaders.TraceId) traceHeader: string | undefined,
  ): Promise<DeliveryReport> {
    await this.edge.admit(HUBSPOT_SOURCE, response);
    const secret = this.edge.secretOf(this.edge.config.vendorSecrets.hubspotClientSecret, 'HUBSPOT_CLIENT_SECRET');
    const uri = `${this.edge.config.publicUrl?.replace(/\/$/, '') ?? `${request.protocol}://${request.get('host')}`}${request.originalUrl}`;
    const rawBody = (request.rawBody ?? Buffer.alloc(0)).toString('utf8');
    this.edge.assertSigned(verifyHubSpotV3(secret, { method: request.method, uri, rawBody, signature, timestamp }, new Date(), this.edge.config.webhookToleranceSeconds));
    const parsed = hubSpotBatchSchema.safeParse(body);
    if (!parsed.success) this.edge.malformed(describeIssues(parsed.error));
    return this.edge.deliver(HUBSPOT_SOURCE, hubSpotDeliveries(parsed.data), traceHeader);
  }
}
