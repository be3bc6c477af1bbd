import { z } from 'zod';
import { emailField, requiredText, strList } from '../../web/validation.js';
import { ROLES, type Role } from '../../web/access.js';

const roles = z
  .preprocess((v) => strList(v), z.array(z.string()))
  .refine((a) => a.length > 0, 'Rôles : choisissez au moins un rôle.')
  .refine((a) => a.every((r) => (ROLES as readonly string[]).includes(r)), 'Rôles : rôle inconnu.')
  .transform((a) => a as Role[]);

export const newUserSchema = z.object({ displayName: requiredText('Nom', 100), email: emailField(), roles });
export const updateUserSchema = z.object({ roles, active: z.preprocess((v) => v === 'oui', z.boolean()) });
