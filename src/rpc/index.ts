// Public surface of the rpc layer.
export { RpcClient } from './client.js';
export type {
  BatchCall,
  ClientState,
  ReconnectOptions,
  RequestOptions,
  RpcClientOptions,
  SubscribeOptions,
  Subscription,
} from './types.js';
export {
  ConnectionClosedError,
  ConnectionError,
  FrameTooLargeError,
  NotReplayableError,
  ProtocolError,
  RpcError,
  TimeoutError,
} from './errors.js';
export type { JsonRpcProvider, ProviderConnection, ProviderStatus } from './provider.js';
export { subscriptionIterator } from './iterator.js';
export type { SubscriptionHandlers } from './iterator.js';
export { webSocketProvider } from './websocket.js';
export type { FailbackOptions, WebSocketConstructor, WebSocketLike, WebSocketProviderOptions } from './websocket.js';
export type {
  RpcMethods,
  RpcSubscriptions,
  RpcMethod,
  RpcParams,
  RpcResult,
  TypedRequest,
  RpcHeader,
  RpcRuntimeVersion,
  RpcStorageChangeSet,
  RpcTransactionStatus,
  HexString,
} from './methods.js';
