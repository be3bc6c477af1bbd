import type { Access } from '../../web/access.js';

/**
 * The report is the board's: it reads the register (anonymous columns only)
 * and the board writes its introduction and analysis. Admins outside the
 * board do not see it, as they do not see the register.
 */
export const REPORT_ACCESS: Access = 'board';
