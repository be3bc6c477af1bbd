/**
 * The shipped French content. Imported as JSON so that the build copies it to dist/ and a jurist
 * edits data, never code; parsed once at import.
 */
import rawContent from './content/guide-content.fr.json' with { type: 'json' };
import { parseGuideContent } from './guide.schemas.js';
import type { GuideContent } from './guide.types.js';

export const guideContentFr: GuideContent = parseGuideContent(rawContent);
