export { type GenerateOptions, generateEvents, SYNTHETIC_INSTRUMENT } from './generate.ts';
