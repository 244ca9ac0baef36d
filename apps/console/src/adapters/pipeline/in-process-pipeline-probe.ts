import { ALL_TOPICS, deadLetterTopicOf } from '@syncengage/contracts';
import type { InProcessBus } from '@syncengage/kafka';
import type { PipelineProbe, TopicHealth } from '../../application/ports';

/**
 * The embedded mode's bus keeps every message, so lag is what the bus holds minus what the store recorded
 * (event ids are unique on the bus, so the two counts meet when the console has caught up).
 */
export class InProcessPipelineProbe implements PipelineProbe {
  readonly source = 'in-process' as const;

  constructor(private readonly bus: InProcessBus) {}

  async topics(recordedByType: Record<string, number>): Promise<TopicHealth[]> {
    return ALL_TOPICS.map((topic) => ({
      topic,
      consumerLag: Math.max(0, this.bus.messages(topic).length - (recordedByType[topic] ?? 0)),
      deadLetters: this.bus.messages(deadLetterTopicOf(topic)).length,
    }));
  }
}
