import { z } from 'zod';

export const roleSchema = z.enum(['viewer', 'reviewer']);
export type Role = z.infer<typeof roleSchema>;

export const signInRequestSchema = z.object({ username: z.string().min(1), password: z.string().min(1) });
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const sessionSchema = z.object({
  token: z.string().min(1),
  user: z.object({ name: z.string(), role: roleSchema }),
  expiresAt: z.iso.datetime(),
});
export type Session = z.infer<typeof sessionSchema>;

/** Every error response body, 4xx and 5xx alike. */
export const apiErrorSchema = z.object({ error: z.string(), code: z.string() });
