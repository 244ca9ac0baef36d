import { Body, Controller, Headers, HttpCode, Post, Req, Res, type RawBodyRequest } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventHeaders } from '@syncengage/contracts';
import type { DeliveryReport } from '../../../application/accept-webhook-deliveries';
import { WebhookEdge } from '../webhook-edge';
import { SHOPIFY_SOURCE, SHOPIFY_TOPICS, shopifyDelivery, type ShopifyTopic } from './shopify-events';
import { SHOPIFY_HMAC_HEADER, SHOPIFY_TOPIC_HEADER, SHOPIFY_WEBHOOK_ID_HEADER, verifyShopifyHmac } from './shopify-signature';

@Controller('webhook')
export class ShopifyWebhookController {
  constructor(private readonly edge: WebhookEdge) {}

  @Post('shopify')
  @HttpCode(200)
  async receive(
    @Req() request: RawBodyRequest<Request>,
    @Res({ passthrough: true }) response: Response,
    @Body() body: unknown,
    @Headers(SHOPIFY_HMAC_HEADER) hmac: string | undefined,
    @Headers(SHOPIFY_TOPIC_HEADER) topic: string | undefined,
    @Headers(SHOPIFY_WEBHOOK_ID_HEADER) webhookId: string | undefined,
    @Headers(EventHeaders.TraceId) traceHeader: string | undefined,
  ): Promise<DeliveryReport> {
    await this.edge.admit(SHOPIFY_SOURCE, response);
    const secret = this.edge.secretOf(this.edge.config.vendorSecrets.shopifyWebhookSecret, 'SHOPIFY_WEBHOOK_SECRET');
    this.edge.assertSigned(verifyShopifyHmac(secret, request.rawBody ?? Buffer.alloc(0), hmac));
    if (!webhookId) this.edge.malformed([`missing ${SHOPIFY_WEBHOOK_ID_HEADER} header`]);
    if (!topic) this.edge.malformed([`missing ${SHOPIFY_TOPIC_HEADER} header`]);
    if (!(SHOPIFY_TOPICS as readonly string[]).includes(topic)) {
      // Acknowledged, so Shopify does not retry a subscription we have no use for.
      return { published: [], duplicates: [], ignored: [{ deliveryId: webhookId, reason: `topic ${topic} is not mapped to an event` }] };
    }
    const parsed = shopifyDelivery(topic as ShopifyTopic, webhookId, body, new Date());
    if (!parsed.ok) this.edge.malformed(parsed.problems);
    return this.edge.deliver(SHOPIFY_SOURCE, [parsed.delivery], traceHeader);
  }
}
