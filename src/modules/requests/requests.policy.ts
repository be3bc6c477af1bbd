import type { Access } from '../../web/access.js';

/**
 * The register belongs to the board as a whole: the committee analyses
 * requests collectively, so every board member may read and update every
 * request. Admins who are not on the board see none of it.
 */
export const REGISTER_ACCESS: Access = 'board';
