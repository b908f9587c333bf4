export { defaultCacheDir, fileSha256 } from './arrow-cache.ts';
