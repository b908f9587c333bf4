// Cell files, plans and results use the same canonical JSON as the reports (core).
export { canonicalJson } from '../core/index.ts';
