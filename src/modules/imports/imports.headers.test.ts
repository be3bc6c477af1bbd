import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHeader } from './imports.rows.js';

describe('import column headers', () => {
  it('accepts the French headers of the committee’s spreadsheets (Date;Type;Objet…)', () => {
    // Act
    const { index, errors } = checkHeader([
      'Date',
      'Type',
      'Objet',
      'Canal',
      'Thèmes',
      'Statut',
      'Issue',
      'Année prévue',
    ]);

    // Assert
    assert.deepEqual(errors, []);
    assert.deepEqual(
      [...index.entries()],
      [
        ['received_on', 0],
        ['kind', 1],
        ['subject', 2],
        ['channel', 3],
        ['theme', 4],
        ['status', 5],
        ['outcome', 6],
        ['planned_year', 7],
      ],
    );
  });

  it('ignores case, accents and apostrophes, and still counts a column given twice under two names', () => {
    // Act
    const { index, errors } = checkHeader([
      'DATE DE RECEPTION',
      'type de demande',
      'objet',
      "Date de l'evenement",
      'subject',
    ]);

    // Assert
    assert.equal(index.get('received_on'), 0);
    assert.equal(index.get('event_on'), 3);
    assert.deepEqual(errors, [{ line: 1, column: 'subject', message: 'cette colonne apparaît deux fois.' }]);
  });

  it('lists the French names in the message for an unknown column', () => {
    // Act
    const { errors } = checkHeader(['Date', 'Type', 'Objet', 'Couleur']);

    // Assert
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.message ?? '', /^colonne inconnue \(colonnes acceptées : received_on, kind, subject/);
    assert.match(
      errors[0]?.message ?? '',
      /en français : Date ou Date de réception ou Reçue le \(received_on\), Type ou Type de demande \(kind\), Objet ou Sujet \(subject\)/,
    );
  });
});
