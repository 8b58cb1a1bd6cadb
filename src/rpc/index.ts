// Public surface of the rpc layer.
export {};
