import * as grpc from '@grpc/grpc-js';
import { loadChurnScorerDefinition, type ChurnScorerHandlers, type ScoreResponse } from '@syncengage/contracts';
import { InvalidFeatures, UnknownCustomer, type OnDemandScore, type ScoreOnDemand } from '../../application/score-on-demand';

/** The gRPC edge: decode, call the use case, map typed errors to status codes. */
export class ChurnScorerGrpcServer {
  private readonly server = new grpc.Server();
  private boundPort?: number;

  constructor(private readonly scoreOnDemand: ScoreOnDemand) {
    const handlers: ChurnScorerHandlers = {
      score: (call, callback) => {
        const { customerId, features } = call.request;
        const hasFeatures = features && Object.keys(features).length > 0;
        Promise.resolve()
          .then(() => (hasFeatures ? this.scoreOnDemand.byFeatures(customerId, features) : this.scoreOnDemand.byCustomerId(customerId)))
          .then((result) => callback(null, toResponse(result)))
          .catch((error: unknown) => callback(toStatus(error)));
      },
    };
    this.server.addService(loadChurnScorerDefinition(), handlers);
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

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
  }
}

function toResponse(result: OnDemandScore): ScoreResponse {
  return {
    customerId: result.customerId,
    score: result.score,
    band: result.band,
    modelVersion: result.modelVersion,
    horizonDays: result.horizonDays,
    scoredAt: result.scoredAt.toISOString(),
  };
}

function toStatus(error: unknown): Partial<grpc.ServiceError> {
  if (error instanceof InvalidFeatures) return { code: grpc.status.INVALID_ARGUMENT, details: error.message };
  if (error instanceof UnknownCustomer) return { code: grpc.status.NOT_FOUND, details: error.message };
  return { code: grpc.status.INTERNAL, details: error instanceof Error ? error.message : String(error) };
}
