import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import {
  CHURN_SCORER_SERVICE,
  PROTO_LOADER_OPTIONS,
  loadChurnScorerDefinition,
  loadChurnScorerPackageAsWritten,
  type ChurnScorerHandlers,
} from '@syncengage/contracts';
import { HealthImplementation, protoPath as healthProtoPath, type ServingStatus } from 'grpc-health-check';
import type { DescribeModel } from '../../application/describe-model';
import type { ExplainScore } from '../../application/explain-score';
import type { ModelProvider } from '../../application/ports';
import type { ScoreOnDemand } from '../../application/score-on-demand';
import { toExplainResponse, toModelInfo, toScoreResponse, toStatus } from './grpc-messages';
import { ScoreBatchCall } from './score-batch-call';

export interface ChurnScorerUseCases {
  scoreOnDemand: ScoreOnDemand;
  explainScore: ExplainScore;
  describeModel: DescribeModel;
}

/** Requests of one ScoreBatch call scored at once; see ScoreBatchCall. */
const BATCH_WINDOW = 32;
/** How long stop() lets calls finish before cutting them; a batch stays open until its client half-closes. */
const SHUTDOWN_GRACE_MS = 5_000;

/**
 * The gRPC edge: ChurnScorer (decode, call the use case, map typed errors to status codes), plus the standard
 * grpc.health.v1.Health (SERVING exactly while a model is loaded) and server reflection, so grpcurl and load
 * balancers need no copy of the .proto.
 */
export class ChurnScorerGrpcServer {
  private readonly server = new grpc.Server();
  private readonly health = new HealthImplementation({ '': 'NOT_SERVING', [CHURN_SCORER_SERVICE]: 'NOT_SERVING' });
  private readonly openBatches = new Set<ScoreBatchCall>();
  private readonly unsubscribe: () => void;
  private boundPort?: number;

  constructor(useCases: ChurnScorerUseCases, models: ModelProvider) {
    const handlers: ChurnScorerHandlers = {
      score: unary(async (request) => toScoreResponse(await useCases.scoreOnDemand.execute(request))),
      scoreBatch: (call) => {
        const batch = new ScoreBatchCall(call, useCases.scoreOnDemand, BATCH_WINDOW);
        this.openBatches.add(batch);
        void batch.done.then(() => this.openBatches.delete(batch));
      },
      explain: unary(async (request) => toExplainResponse(await useCases.explainScore.execute(request, request.top))),
      getModelInfo: unary(async () => toModelInfo(useCases.describeModel.execute())),
    };
    this.server.addService(loadChurnScorerDefinition(), handlers);
    this.health.addToServer(this.server);
    const healthPackage = protoLoader.loadSync(healthProtoPath, { ...PROTO_LOADER_OPTIONS, keepCase: true });
    new ReflectionService({ ...loadChurnScorerPackageAsWritten(), ...healthPackage }).addToServer(this.server);
    this.unsubscribe = models.subscribe((model) => this.setServing(model ? 'SERVING' : 'NOT_SERVING'));
  }

  /** Binds 0.0.0.0:port (0 picks a free port) and returns the port actually bound. */
  async start(port: number): Promise<number> {
    this.boundPort = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync(`0.0.0.0:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    return this.boundPort;
  }

  get port(): number | undefined {
    return this.boundPort;
  }

  /** ScoreBatch calls still being served; each ends when its client half-closes, cancels or its deadline passes. */
  get openBatchCalls(): number {
    return this.openBatches.size;
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    // Health checkers see the drain before the port goes away.
    this.setServing('NOT_SERVING');
    await new Promise<void>((resolve) => {
      const cutOff = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, SHUTDOWN_GRACE_MS);
      this.server.tryShutdown(() => {
        clearTimeout(cutOff);
        resolve();
      });
    });
  }

  private setServing(status: ServingStatus): void {
    this.health.setStatus('', status);
    this.health.setStatus(CHURN_SCORER_SERVICE, status);
  }
}

function unary<Request, Response>(handle: (request: Request) => Promise<Response>): grpc.handleUnaryCall<Request, Response> {
  return (call, callback) => {
    handle(call.request).then(
      (response) => callback(null, response),
      (error: unknown) => callback(toStatus(error)),
    );
  };
}
