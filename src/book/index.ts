export type { BookReader, BookSideReader } from './book-reader.ts';
export { BookSide } from './book-side.ts';
export { type BookView, L2Book, type WalkResult } from './l2-book.ts';
