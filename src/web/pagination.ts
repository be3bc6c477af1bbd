/** Rows per page of the board's long lists (signatures, subscribers); the page number is `pageParam` (validation.ts). */
export const BOARD_PAGE_SIZE = 50;
