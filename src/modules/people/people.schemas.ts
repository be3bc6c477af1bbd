import { z } from 'zod';
import { optionalEmailField, text } from '../../web/validation.js';

/** The board's search for a person: an address, a name (three letters at least), or both. */
export const personQuerySchema = z
  .object({
    email: optionalEmailField(),
    name: text('Nom').refine((v) => v === '' || v.length >= 3, 'Nom : au moins 3 caractères.'),
  })
  .refine((v) => v.email !== '' || v.name !== '', {
    path: ['email'],
    message: 'Indiquez une adresse e-mail, un nom, ou les deux.',
  });
