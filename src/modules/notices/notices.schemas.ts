import { z } from 'zod';
import { strList } from '../../web/validation.js';

/** « Mes avis par e-mail »: the ticked boxes of `notices`; an unticked box is absent, anything else is ignored. */
export const noticePreferencesSchema = z
  .object({ notices: z.preprocess(strList, z.array(z.string())) })
  .transform(({ notices }) => ({ assigned: notices.includes('assigned'), flagged: notices.includes('flagged') }));
