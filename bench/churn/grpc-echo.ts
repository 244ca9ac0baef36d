import * as grpc from '@grpc/grpc-js';

const identity = (bytes: Buffer): Buffer => bytes;

/** One unary method on raw bytes: no protobuf, no handler logic — the floor any gRPC service on grpc-js stands on. */
const ECHO_SERVICE: grpc.ServiceDefinition = {
  echo: {
    path: '/bench.Echo/Echo',
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  },
};

export interface EchoServer {
  address: string;
  stop(): Promise<void>;
}

/** Answers every call with `replyBytes` (sized like a real ScoreResponse), whatever the request holds. */
export async function startEchoServer(replyBytes: Buffer): Promise<EchoServer> {
  const server = new grpc.Server();
  server.addService(ECHO_SERVICE, { echo: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => callback(null, replyBytes) });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  return {
    address: `127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

export interface EchoClient {
  echo(requestBytes: Buffer, deadlineMs: number): Promise<Buffer>;
  close(): void;
}

export function createEchoClient(address: string): EchoClient {
  const Client = grpc.makeGenericClientConstructor(ECHO_SERVICE, 'Echo');
  const client = new Client(address, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
    echo(request: Buffer, options: grpc.CallOptions, callback: (error: grpc.ServiceError | null, response?: Buffer) => void): void;
  };
  return {
    echo: (requestBytes, deadlineMs) => new Promise((resolve, reject) =>
      client.echo(requestBytes, { deadline: Date.now() + deadlineMs }, (error, response) => (error ? reject(error) : resolve(response as Buffer)))),
    close: () => client.close(),
  };
}
