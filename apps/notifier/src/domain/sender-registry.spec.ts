import type { MessageRequested } from '@syncengage/contracts';
import type { ChannelSender, SendReceipt } from './channel-sender';
import { SenderRegistry } from './sender-registry';

const sender = (provider: string, channel: 'email' | 'sms'): ChannelSender => ({
  provider,
  channel,
  send: async (_: MessageRequested): Promise<SendReceipt> => ({ provider }),
});

describe('SenderRegistry', () => {
  it('picks the sender for each channel', () => {
    const registry = new SenderRegistry([sender('sendgrid', 'email'), sender('twilio', 'sms')]);
    expect(registry.forChannel('email')?.provider).toBe('sendgrid');
    expect(registry.forChannel('sms')?.provider).toBe('twilio');
    expect(registry.describe()).toBe('email→sendgrid, sms→twilio');
  });

  it('has nothing for a channel no sender serves', () => {
    expect(new SenderRegistry([sender('sendgrid', 'email')]).forChannel('sms')).toBeUndefined();
  });

  it('lets a later sender for the same channel replace an earlier one', () => {
    expect(new SenderRegistry([sender('local-outbox', 'email'), sender('sendgrid', 'email')]).forChannel('email')?.provider).toBe('sendgrid');
  });
});
