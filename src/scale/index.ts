// Public surface of the scale layer.
export {};
