import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Response } from 'express';
import { newEventId } from '@syncengage/contracts';
import { AcceptWebhookDeliveries, type Delivery, type DeliveryReport } from '../../application/accept-webhook-deliveries';
import { RATE_LIMITER, type RateLimiter } from '../../application/ports';
import type { SignatureCheck } from '../../domain/signed-timestamp';
import type { IngestConfig } from '../../config';
import { INGEST_CONFIG } from '../../tokens';

/**
 * What every webhook route does around its vendor's own checks, in this order: enabled (403), under the
 * source's rate (429 + Retry-After, before any HMAC is computed), configured (404), signed (401), well
 * formed (400 with the reasons), then published before it answers (503 if Kafka did not take it).
 */
@Injectable()
export class WebhookEdge {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @Inject(INGEST_CONFIG) readonly config: IngestConfig,
    @Inject(RATE_LIMITER) private readonly rateLimiter: RateLimiter,
    private readonly deliveries: AcceptWebhookDeliveries,
  ) {}

  async admit(source: string, response: Response): Promise<void> {
    if (!this.config.enableWebhooks) throw new ForbiddenException('webhooks are disabled (ENABLE_WEBHOOKS=false)');
    const decision = await this.rateLimiter.take(source);
    if (!decision.allowed) {
      response.setHeader('Retry-After', String(decision.retryAfterSeconds));
      throw new HttpException(
        { statusCode: 429, error: 'Too Many Requests', message: `more than ${this.config.webhookRateLimitPerMinute} ${source} webhooks a minute; retry after ${decision.retryAfterSeconds} s` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  secretOf(secret: string | undefined, variable: string): string {
    if (!secret) throw new NotFoundException(`this webhook is not configured (${variable} is not set)`);
    return secret;
  }

  assertSigned(check: SignatureCheck): void {
    if (!check.valid) throw new UnauthorizedException(check.reason);
  }

  malformed(problems: string[]): never {
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems });
  }

  async deliver(source: string, deliveries: Delivery[], traceHeader: string | undefined): Promise<DeliveryReport> {
    try {
      return await this.deliveries.execute(source, deliveries, traceHeader ?? newEventId());
    } catch (error) {
      this.logger.error(`could not publish ${source} webhook events: ${(error as Error).message}`);
      throw new ServiceUnavailableException('the event could not be stored; retry later');
    }
  }
}
