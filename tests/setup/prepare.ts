// Run once by scripts/test-node.sh before the test files: builds the migrated template.
import { prepareTemplate, testEngine } from './databases.js';

await prepareTemplate(testEngine());
process.stdout.write(`template database ready (${testEngine()})\n`);
