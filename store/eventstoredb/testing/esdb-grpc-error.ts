import { Metadata, type ServiceError, type status } from "@grpc/grpc-js";

/**
 * A gRPC error as an EventStoreDB node sends it: a status code, details, and the `exception`
 * trailer (plus its fields) that the client maps to a named error.
 */
export function grpcError(code: status, details: string, trailers: Readonly<Record<string, string>> = {}): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}
