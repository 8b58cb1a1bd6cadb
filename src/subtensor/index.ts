// Public surface of the subtensor layer.
export {};
