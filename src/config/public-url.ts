import type { Env } from './env';

/** Where people reach the service (PUBLIC_URL, else http://HOST:PORT), without a trailing slash: for links to items. */
export function publicUrlOf(env: Env): string {
  return (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, '');
}
