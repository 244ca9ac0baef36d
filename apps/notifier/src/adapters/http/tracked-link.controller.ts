import { Controller, Get, Inject, NotFoundException, Param, Redirect } from '@nestjs/common';
import { newEventId } from '@syncengage/contracts';
import { FollowTrackedLink } from '../../application/follow-tracked-link';

/** Where tracked links point: records the click, then sends the customer on to the original URL. */
@Controller('r')
export class TrackedLinkController {
  constructor(@Inject(FollowTrackedLink) private readonly followTrackedLink: FollowTrackedLink) {}

  @Get(':token')
  @Redirect()
  async follow(@Param('token') token: string): Promise<{ url: string; statusCode: number }> {
    const url = await this.followTrackedLink.execute(token, newEventId());
    if (!url) throw new NotFoundException('unknown link');
    return { url, statusCode: 302 };
  }
}
