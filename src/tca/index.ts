// Filled in as the layer is built; see docs/architecture.md.
export {};
