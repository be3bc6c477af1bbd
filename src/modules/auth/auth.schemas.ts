import { z } from 'zod';
import { checkboxField, emailField, password, personalPasswordError, requiredText, str } from '../../web/validation.js';

export const loginSchema = z.object({
  email: emailField(),
  password: z.preprocess((v) => str(v), z.string().min(1, 'Mot de passe : ce champ est obligatoire.')),
});

export const forgotSchema = z.object({ email: emailField() });

const newPasswordFields = {
  password: password('Nouveau mot de passe'),
  confirm: z.preprocess((v) => str(v), z.string()),
};

export const resetSchema = z
  .object({ jeton: z.preprocess((v) => str(v), z.string()), ...newPasswordFields })
  .refine((v) => v.password === v.confirm, {
    path: ['confirm'],
    message: 'Confirmation : les deux mots de passe ne sont pas identiques.',
  });

export const setupSchema = z
  .object({
    jeton: z.preprocess((v) => str(v), z.string()),
    displayName: requiredText('Nom affiché', 100),
    email: emailField(),
    alsoBoard: checkboxField,
    ...newPasswordFields,
  })
  .refine((v) => v.password === v.confirm, {
    path: ['confirm'],
    message: 'Confirmation : les deux mots de passe ne sont pas identiques.',
  })
  .superRefine((v, ctx) => {
    const personal = personalPasswordError(v.password, { email: v.email, name: v.displayName }, 'Nouveau mot de passe');
    if (personal) ctx.addIssue({ code: 'custom', path: ['password'], message: personal });
  });
