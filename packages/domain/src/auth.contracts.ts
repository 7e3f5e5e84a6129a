import { z } from 'zod';
import { Me } from './auth.js';

/** The signed-in user, as login and the own-profile routes answer. */
export const UserAnswer = z.object({ user: Me });
export type UserAnswer = z.infer<typeof UserAnswer>;
