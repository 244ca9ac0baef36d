/** The notifier's group id in a suite: started at the end of its topics before the notifier joins. */
export const notifierGroupOf = (runId: string): string => `${runId}-notifier`;

/** The settings every notifier-over-Kafka suite starts from: the test broker, its database, a free port, quiet logs. */
export function kafkaNotifierEnv(brokers: string[], runId: string, databaseUrl: string): Record<string, string> {
  return {
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_GROUP_ID: notifierGroupOf(runId),
    DATABASE_URL: databaseUrl,
    NOTIFIER_HTTP_PORT: '0',
    LOG_LEVEL: 'error',
  };
}
