import { parseGrpcAddress } from './grpc-address';

describe('a gRPC address', () => {
  it.each(['churn-scorer:50051', '127.0.0.1:50051', 'localhost:1', '[::1]:50051', 'scorer.internal.example:65535'])('accepts %s', (raw) => {
    expect(parseGrpcAddress(raw)).toEqual({ address: raw });
  });

  it.each(['http://churn-scorer:50051', 'churn-scorer', 'churn-scorer:0', 'churn-scorer:70000', ':50051', 'churn scorer:50051', '-scorer:50051'])('refuses %s', (raw) => {
    expect(parseGrpcAddress(raw)).toEqual({ problem: expect.stringContaining(`host:port of the churn scorer's gRPC server (e.g. churn-scorer:50051), got "${raw}"`) });
  });
});
