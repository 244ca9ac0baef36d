import 'reflect-metadata';
import { Module, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { migrate } from '@syncengage/db';
import type { InProcessBus } from '@syncengage/kafka';
import type { RunningService, Runtime } from '@syncengage/runtime';
import type { PipelineProbe } from './application/ports';
import { HealthController } from './adapters/http/health.controller';
import { CONSOLE_MIGRATIONS } from './adapters/postgres/migrations';
import { InProcessPipelineProbe } from './adapters/pipeline/in-process-pipeline-probe';
import { KafkaPipelineProbe } from './adapters/pipeline/kafka-pipeline-probe';
import type { ConsoleConfig } from './config';
import { ConsoleModule } from './console.module';

@Module({})
class ConsoleRootModule {}

export interface RunningConsole extends RunningService {
  url: string;
}

/**
 * startService from @syncengage/runtime, plus OpenAPI: Swagger's routes must be mounted before the app listens,
 * which startService does not leave room for. `bus` is the embedded mode's in-process bus, for pipeline health.
 */
export async function startConsole(config: ConsoleConfig, runtime: Runtime, bus?: InProcessBus): Promise<RunningConsole> {
  await migrate(runtime.db, 'console', CONSOLE_MIGRATIONS);
  const { infrastructure } = config;
  const probe: PipelineProbe & { close?: () => Promise<void> } =
    runtime.mode === 'kafka'
      ? new KafkaPipelineProbe(infrastructure.kafkaBrokers, infrastructure.kafkaClientId, runtime.consumerGroup)
      : new InProcessPipelineProbe(bus ?? missingBus());
  const module = ConsoleModule.register({ config, publisher: runtime.publisher, db: runtime.db, consumerGroup: runtime.consumerGroup, probe });
  const app = await NestFactory.create<NestExpressApplication>(
    { module: ConsoleRootModule, imports: [module], controllers: [HealthController] },
    { logger: levels(infrastructure.logLevel), abortOnError: false },
  );
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('SyncEngage console API')
      .setDescription('Journey analytics over every event on customer-updated, churn-scored, message-requested and campaign-result.')
      .setVersion('1')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  app.connectMicroservice(runtime.transport, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(config.httpPort, '0.0.0.0');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await probe.close?.();
      await runtime.close();
    },
  };
}

function missingBus(): never {
  throw new Error('the console on the in-process bus needs that bus for pipeline health: pass it to startConsole');
}

function levels(level: ConsoleConfig['infrastructure']['logLevel']): LogLevel[] {
  const order: LogLevel[] = ['error', 'warn', 'log', 'debug'];
  return order.slice(0, order.indexOf(level) + 1);
}
