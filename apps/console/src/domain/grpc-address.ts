/**
 * A gRPC target as @grpc/grpc-js dials it without a scheme: host:port, with an IPv6 host in brackets. A URL
 * (http://...) is refused rather than guessed at: grpc-js would read "http" as a host name and fail on every call.
 */
export function parseGrpcAddress(raw: string): { address: string } | { problem: string } {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/.exec(raw);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65_535) return { problem: `must be host:port of the churn scorer's gRPC server (e.g. churn-scorer:50051), got "${raw}"` };
  return { address: raw };
}
