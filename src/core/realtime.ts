/**
 * The realtime port: what the rest of the app (OAuth2 redirect, user hooks) may ask of the SSE
 * broker. The broker in src/realtime/ implements it; main.ts installs it on the app.
 */
export interface RealtimePort {
  /**
   * Sends `data` (JSON-encoded) to every client subscribed to the custom topic `topic`, on every
   * instance sharing the database. Resolves with how many clients of this instance received it.
   */
  publish(topic: string, data: unknown): Promise<number>;
  /**
   * Sends one message with the SSE event name `name` to the client `clientId`. Resolves true when the
   * client is connected to this instance and got it. On a database shared by several instances a
   * client that is not here is looked for on the others (resolving true once it is handed on).
   */
  sendToClient(clientId: string, name: string, data: unknown): Promise<boolean>;
  /** True when the client `clientId` is connected to this instance. */
  hasClient(clientId: string): boolean;
  /** The IP the client `clientId` (on this instance) connected from; null when it is not here. */
  clientIp(clientId: string): string | null;
  /** True when the client `clientId` (on this instance) holds a subscription to `topic` (the part before `?`). */
  isSubscribed(clientId: string, topic: string): boolean;
  /** How many clients are connected to this instance now. */
  clientCount(): number;
  /** Ends every stream of this instance (the server is shutting down; the SDKs reconnect elsewhere). */
  disconnectAll(): void;
}

/** Until a broker is installed: nobody is connected. */
export const NO_REALTIME: RealtimePort = Object.freeze({
  publish: async () => 0,
  sendToClient: async () => false,
  hasClient: () => false,
  clientIp: () => null,
  isSubscribed: () => false,
  clientCount: () => 0,
  disconnectAll: () => {},
});
