/** What points an orchestrator at the test broker and a suite's database, on a free port with quiet logs. */
export function kafkaOrchestratorEnv(brokers: string[], groupId: string, databaseUrl: string): Record<string, string> {
  return {
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_GROUP_ID: groupId,
    DATABASE_URL: databaseUrl,
    ORCHESTRATOR_HTTP_PORT: '0',
    LOG_LEVEL: 'error',
  };
}
