export { defaultCacheDir, fileSha256 } from './arrow-cache.ts';
export { contentSha256 } from './content-key.ts';
