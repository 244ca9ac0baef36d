import type { Channel } from '@syncengage/contracts';
import type { ChannelSender } from './channel-sender';

export class SenderRegistry {
  private readonly byChannel = new Map<Channel, ChannelSender>();

  constructor(senders: readonly ChannelSender[]) {
    for (const sender of senders) this.byChannel.set(sender.channel, sender);
  }

  forChannel(channel: Channel): ChannelSender | undefined {
    return this.byChannel.get(channel);
  }

  describe(): string {
    return [...this.byChannel.values()].map((sender) => `${sender.channel}→${sender.provider}`).join(', ');
  }
}
