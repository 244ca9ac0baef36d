import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { CHURN_SCORER_SERVICE, createChurnScorerClient, type ChurnScorerClient } from '@syncengage/contracts';
import { createRuntime, startService, type RunningService } from '@syncengage/runtime';
import { createFreshDatabase, type FreshDatabase } from '@syncengage/testing';
import { service as healthService } from 'grpc-health-check';
import { readModelFile } from '../src/adapters/model/model-file';
import { ReloadableModelProvider } from '../src/adapters/model/reloadable-model-provider';
import { CHURN_SCORER_MIGRATIONS } from '../src/adapters/postgres/migrations';
import { ChurnScorerModule } from '../src/churn-scorer.module';
import { BUNDLED_MODEL_PATH, loadChurnScorerConfig, type ChurnScorerConfig } from '../src/config';
import { ChurnScorerGrpcServer } from '../src/adapters/grpc/churn-scorer.grpc-server';
import { startChurnScorer, type RunningChurnScorer } from '../src/start-churn-scorer';
import { explain, getModelInfo, score, scoreBatch } from './support/grpc-calls';

interface HealthClient extends grpc.Client {
  check(request: { service: string }, options: grpc.CallOptions, callback: (error: grpc.ServiceError | null, response?: { status: string }) => void): void;
}

/** A client any gRPC user could build: the standard health service, from the package's own definition. */
function createHealthClient(address: string): HealthClient {
  const Health = grpc.makeGenericClientConstructor(healthService as unknown as grpc.ServiceDefinition, 'grpc.health.v1.Health');
  return new Health(address, grpc.credentials.createInsecure()) as unknown as HealthClient;
}

const healthOf = (client: HealthClient, service: string): Promise<string> =>
  new Promise((resolve, reject) =>
    client.check({ service }, { deadline: Date.now() + 5_000 }, (error, response) => (error ? reject(error) : resolve(response!.status))),
  );

/** What grpcurl asks first: the server reflection v1 service, loaded from the .proto @grpc/reflection ships. */
function reflect(address: string, request: Record<string, unknown>): Promise<Record<string, unknown>> {
  const protoPath = join(dirname(require.resolve('@grpc/reflection/package.json')), 'build/proto/grpc/reflection/v1/reflection.proto');
  const loaded = grpc.loadPackageDefinition(protoLoader.loadSync(protoPath, { keepCase: false, defaults: true, oneofs: true })) as unknown as {
    grpc: { reflection: { v1: { ServerReflection: grpc.ServiceClientConstructor } } };
  };
  const client = new loaded.grpc.reflection.v1.ServerReflection(address, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    const call = (client as unknown as { serverReflectionInfo(options: grpc.CallOptions): grpc.ClientDuplexStream<object, Record<string, unknown>> })
      .serverReflectionInfo({ deadline: Date.now() + 5_000 });
    call.on('data', (response) => {
      resolve(response);
      call.end();
      client.close();
    });
    call.on('error', reject);
    call.write(request);
  });
}

describe('health and reflection of a running scorer', () => {
  let database: FreshDatabase;
  let scorer: RunningChurnScorer;
  let health: HealthClient;

  beforeAll(async () => {
    database = await createFreshDatabase('scorer_health');
    const config = loadChurnScorerConfig({ DATABASE_URL: database.url, CHURN_GRPC_PORT: '0', CHURN_SCORER_HTTP_PORT: '0', LOG_LEVEL: 'error' });
    scorer = await startChurnScorer(config, await createRuntime(config.infrastructure));
    health = createHealthClient(scorer.grpcAddress);
  });

  afterAll(async () => {
    health?.close();
    await scorer?.close();
    await database?.drop();
  });

  it('answers the standard health check SERVING for the server and for ChurnScorer, NOT_FOUND for a service it lacks', async () => {
    await expect(healthOf(health, '')).resolves.toBe('SERVING');
    await expect(healthOf(health, CHURN_SCORER_SERVICE)).resolves.toBe('SERVING');
    await expect(healthOf(health, 'syncengage.nothing.v1.Nothing')).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  it('lists ChurnScorer and Health through server reflection, and describes ChurnScorer as the .proto spells it', async () => {
    const listed = await reflect(scorer.grpcAddress, { listServices: '*' });
    const names = (listed.listServicesResponse as { service: { name: string }[] }).service.map((service) => service.name);
    expect(names).toEqual(expect.arrayContaining([CHURN_SCORER_SERVICE, 'grpc.health.v1.Health']));

    const described = await reflect(scorer.grpcAddress, { fileContainingSymbol: `${CHURN_SCORER_SERVICE}.ScoreBatch` });
    const files = (described.fileDescriptorResponse as { fileDescriptorProto: Buffer[] }).fileDescriptorProto;
    const descriptor = Buffer.concat(files).toString('latin1');
    for (const name of ['ScoreBatch', 'Explain', 'GetModelInfo', 'customer_id', 'raw_score', 'band_thresholds']) expect(descriptor).toContain(name);
  });
});

describe('a scorer with no model loaded yet', () => {
  let database: FreshDatabase;
  let directory: string;
  let modelPath: string;
  let models: ReloadableModelProvider;
  let service: RunningService;
  let client: ChurnScorerClient;
  let health: HealthClient;
  const logged: string[] = [];

  beforeAll(async () => {
    database = await createFreshDatabase('scorer_no_model');
    directory = await mkdtemp(join(tmpdir(), 'churn-model-'));
    modelPath = join(directory, 'model.json');
    const config: ChurnScorerConfig = loadChurnScorerConfig({ DATABASE_URL: database.url, CHURN_MODEL_PATH: modelPath, LOG_LEVEL: 'error' });
    const runtime = await createRuntime(config.infrastructure);
    // The module as startChurnScorer wires it, over a provider whose file is not there yet.
    models = new ReloadableModelProvider({ description: modelPath, read: (loadedAt) => readModelFile(modelPath, loadedAt) }, {
      log: (line) => logged.push(line),
      error: (line) => logged.push(line),
    });
    service = await startService(
      {
        name: 'churn-scorer',
        module: ChurnScorerModule.register({ config: { ...config, grpcPort: 0 }, publisher: runtime.publisher, db: runtime.db, models, consumerGroup: runtime.consumerGroup }),
        migrations: CHURN_SCORER_MIGRATIONS,
        logLevel: 'error',
        consumes: true,
      },
      runtime,
    );
    const address = `127.0.0.1:${service.app.get(ChurnScorerGrpcServer).port}`;
    client = createChurnScorerClient(address);
    health = createHealthClient(address);
  });

  afterAll(async () => {
    client?.close();
    health?.close();
    await service?.close();
    await database?.drop();
    await rm(directory, { recursive: true, force: true });
  });

  it('reports NOT_SERVING and answers every call UNAVAILABLE, then serves once a valid model arrives', async () => {
    await expect(healthOf(health, '')).resolves.toBe('NOT_SERVING');
    await expect(healthOf(health, CHURN_SCORER_SERVICE)).resolves.toBe('NOT_SERVING');
    const unavailable = { code: grpc.status.UNAVAILABLE, details: expect.stringContaining('no churn model') };
    await expect(score(client, { customerId: 'anyone' })).rejects.toMatchObject(unavailable);
    await expect(explain(client, { customerId: 'anyone' })).rejects.toMatchObject(unavailable);
    await expect(getModelInfo(client)).rejects.toMatchObject(unavailable);
    // Not one request's fault, so not a per-item error: the call ends with the status.
    const batch = await scoreBatch(client, [{ customerId: 'anyone' }, { customerId: 'someone' }]);
    expect(batch).toMatchObject({ results: [], status: unavailable });

    await expect(models.reload('a first try')).resolves.toMatchObject({ swapped: false, reason: 'rejected' });
    await expect(healthOf(health, '')).resolves.toBe('NOT_SERVING');

    await copyFile(BUNDLED_MODEL_PATH, modelPath);
    await expect(models.reload('the model file arriving')).resolves.toMatchObject({ swapped: true });
    await expect(healthOf(health, '')).resolves.toBe('SERVING');
    await expect(healthOf(health, CHURN_SCORER_SERVICE)).resolves.toBe('SERVING');
    await expect(getModelInfo(client)).resolves.toMatchObject({ modelVersion: models.current().modelVersion });
    await expect(score(client, { customerId: 'anyone' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    expect(logged).toEqual([
      expect.stringMatching(/^rejected the new model \(a first try\), still serving none: cannot load the churn model from .*model\.json: ENOENT/),
      expect.stringMatching(/^now serving model rf-\S+ \(was none\) from .*model\.json, after the model file arriving$/),
    ]);
  });
});
