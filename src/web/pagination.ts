import { str } from './validation.js';

export function pageNumber(value: unknown): number {
  const n = Number.parseInt(str(value), 10);
  return Number.isFinite(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export const BOARD_PAGE_SIZE = 50;
