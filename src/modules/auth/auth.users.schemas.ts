import { z } from 'zod';
import { checkboxField, emailField, requiredText, strList } from '../../web/validation.js';
import { ROLES } from '../../web/access.js';

const roles = z
  .preprocess((v) => strList(v), z.array(z.enum(ROLES, { message: 'Rôles : rôle inconnu.' })))
  .refine((a) => a.length > 0, 'Rôles : choisissez au moins un rôle.');

export const newUserSchema = z.object({ displayName: requiredText('Nom', 100), email: emailField(), roles });
export const updateUserSchema = z.object({ roles, active: checkboxField });
