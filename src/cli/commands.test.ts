import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXPORT_FORMATS } from '../modules/reports/reports.export.js';
import { COMMANDS, REPORT_FORMATS } from './commands.js';

describe('the table of commands', () => {
  it('offers the report in exactly the formats the report module exports', () => {
    assert.deepEqual([...REPORT_FORMATS].sort(), [...EXPORT_FORMATS].sort());
  });

  it('names each command once, and lets only serve and migrate create a database', () => {
    const names = COMMANDS.map((c) => c.path.join(' '));
    assert.equal(new Set(names).size, names.length);
    assert.deepEqual(
      COMMANDS.filter((c) => c.database === 'create').map((c) => c.path.join(' ')),
      ['migrate'],
      'serve opens its own database; every other command refuses a database that does not exist',
    );
  });
});
