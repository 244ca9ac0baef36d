import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { migrate, type Migration } from '@syncengage/db';
import { HealthController } from './health.controller';
import type { Runtime } from './runtime';

/** Every service gets /health beside its own routes. */
@Module({})
class ServiceRootModule {}

export interface ServiceDefinition {
  name: string;
  module: DynamicModule;
  migrations: readonly Migration[];
  /** 0 picks a free port (tests); undefined serves no HTTP. */
  httpPort?: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** Consumes topics only when it has @EventPattern handlers; ingest has none. */
  consumes: boolean;
  /** Largest JSON body accepted (413 above it); Express's 100 kB default when unset. */
  jsonBodyLimitBytes?: number;
}

export interface RunningService {
  app: INestApplication;
  /** e.g. http://127.0.0.1:3000, or undefined when the service serves no HTTP. */
  url?: string;
  close(): Promise<void>;
}

/** Migrates, then starts Nest as one hybrid app: HTTP (if any) plus the message transport. */
export async function startService(definition: ServiceDefinition, runtime: Runtime): Promise<RunningService> {
  await migrate(runtime.db, definition.name, definition.migrations);
  const root: DynamicModule = { module: ServiceRootModule, imports: [definition.module], controllers: [HealthController] };
  const app = await NestFactory.create<NestExpressApplication>(root, {
    logger: levelsFrom(definition.logLevel),
    rawBody: true,
    abortOnError: false,
  });
  // Termination only: SIGHUP means "reload" to daemons (the churn scorer reloads its model on it).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  if (definition.jsonBodyLimitBytes) app.useBodyParser('json', { limit: definition.jsonBodyLimitBytes });
  if (definition.consumes) {
    app.connectMicroservice(runtime.transport, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  let url: string | undefined;
  if (definition.httpPort !== undefined) {
    await app.listen(definition.httpPort, '0.0.0.0');
    const address = app.getHttpServer().address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
  } else {
    await app.init();
  }
  return {
    app,
    url,
    close: async () => {
      await app.close();
      await runtime.close();
    },
  };
}

function levelsFrom(level: ServiceDefinition['logLevel']): LogLevel[] {
  const order: LogLevel[] = ['error', 'warn', 'log', 'debug'];
  return order.slice(0, order.indexOf(level) + 1);
}
