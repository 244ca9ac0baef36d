import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { readInfrastructure, EnvReader } from '@syncengage/config';
import { Topics } from '@syncengage/contracts';
import { recordFromContext, type RecordContext } from '@syncengage/kafka';
import { waitFor } from '@syncengage/testing';
import { createRuntime } from '../src/runtime';
import { startService, type RunningService } from '../src/start-service';

const received: string[] = [];

@Controller()
class RecordingHandler {
  @EventPattern(Topics.CampaignResult)
  handle(@Payload() value: unknown, @Ctx() context: RecordContext): void {
    const record = recordFromContext(value, context);
    received.push(`${record.key}:${record.value.toString('utf8')}`);
  }
}

@Module({})
class ProbeModule {
  static register(): DynamicModule {
    return { module: ProbeModule, controllers: [RecordingHandler] };
  }
}

/** How every service starts, in the embedded mode: migrations first, then HTTP and the message transport. */
describe('startService on the embedded runtime', () => {
  let service: RunningService;
  let runtime: Awaited<ReturnType<typeof createRuntime>>;

  beforeAll(async () => {
    runtime = await createRuntime(readInfrastructure(new EnvReader({}), 'probe'));
    service = await startService(
      {
        name: 'probe',
        module: ProbeModule.register(),
        migrations: [{ version: 1, name: 'probe table', sql: 'CREATE TABLE probe_things (id int);' }],
        httpPort: 0,
        logLevel: 'error',
        consumes: true,
      },
      runtime,
    );
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  });

  it('runs on the in-process bus and PGlite when neither Kafka nor a database URL is configured', () => {
    expect(runtime.mode).toBe('embedded');
    expect(runtime.db.kind).toBe('pglite');
  });

  it('applies the service migrations before serving', async () => {
    const ledger = await runtime.db.query<{ version: number }>("SELECT version FROM schema_migrations WHERE service = 'probe'");
    expect(ledger.rows).toEqual([{ version: 1 }]);
  });

  it('answers /health over HTTP', async () => {
    const response = await fetch(`${service.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('delivers published events to @EventPattern handlers with key and raw bytes', async () => {
    await runtime.publisher.publishRaw({ topic: Topics.CampaignResult, key: 'cust-1', value: Buffer.from('{"x":1}'), headers: {} });
    await waitFor(() => received.length > 0, { description: 'the handler to receive the event', timeoutMs: 5_000 });
    expect(received).toEqual(['cust-1:{"x":1}']);
  });
});
