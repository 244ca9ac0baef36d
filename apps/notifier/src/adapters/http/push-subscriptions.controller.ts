import { BadRequestException, Body, Controller, Delete, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { PUSH_SUBSCRIPTIONS, type PushSubscriptions } from '../../application/ports';
import { parsePushSubscription } from '../../domain/push-subscription';

/** Where a web app registers the browser's PushSubscription (from `pushManager.subscribe`) for a customer. */
@Controller('push/subscriptions')
export class PushSubscriptionsController {
  constructor(@Inject(PUSH_SUBSCRIPTIONS) private readonly subscriptions: PushSubscriptions) {}

  @Post()
  @HttpCode(201)
  async subscribe(@Body() body: { customerId?: unknown; subscription?: unknown } | undefined): Promise<{ customerId: string; endpoint: string }> {
    const customerId = body?.customerId;
    if (typeof customerId !== 'string' || customerId.trim() === '') throw new BadRequestException('customerId must be a non-empty string');
    const parsed = parsePushSubscription(body?.subscription);
    if (!parsed.ok) throw new BadRequestException(parsed.problem);
    await this.subscriptions.save(customerId, parsed.value);
    return { customerId, endpoint: parsed.value.endpoint };
  }

  /** The browser unsubscribed (`subscription.unsubscribe()`): stop sending to it. */
  @Delete()
  @HttpCode(204)
  async unsubscribe(@Body() body: { endpoint?: unknown } | undefined): Promise<void> {
    if (typeof body?.endpoint !== 'string' || body.endpoint === '') throw new BadRequestException('endpoint must be the subscription\'s endpoint URL');
    if (!(await this.subscriptions.remove(body.endpoint))) throw new NotFoundException('no such push subscription');
  }
}
