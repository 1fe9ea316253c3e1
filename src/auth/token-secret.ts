import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'ft_';
/** `ft_` and 32 random bytes in base64url: 256 bits, so a guess is hopeless and a plain SHA-256 is a safe hash. */
const SECRET_SHAPE = /^ft_[A-Za-z0-9_-]{43}$/;

export function generateTokenSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/**
 * The stored form of a secret. A slow password hash (bcrypt, scrypt) protects low-entropy passwords; these secrets
 * are random, so SHA-256 is as safe and keeps per-request authentication cheap.
 */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The first characters, stored and listed so people can tell tokens apart without the secret. */
export function secretHint(secret: string): string {
  return secret.slice(0, PREFIX.length + 6);
}

export type BearerCredential = { kind: 'none' } | { kind: 'malformed' } | { kind: 'token'; secret: string };

/** Reads `Authorization: Bearer <secret>`; anything else that is present is malformed, never silently ignored. */
export function bearerCredential(header: string | string[] | undefined): BearerCredential {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return { kind: 'none' };
  const match = /^Bearer\s+(\S+)$/i.exec(value);
  if (!match || !SECRET_SHAPE.test(match[1])) return { kind: 'malformed' };
  return { kind: 'token', secret: match[1] };
}
