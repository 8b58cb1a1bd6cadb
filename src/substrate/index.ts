// Public surface of the substrate layer.
export {};
