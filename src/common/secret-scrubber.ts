import type { Env } from '../config/env';

const REDACTED = '[redacted]';
/** Credentials recognisable by their shape, wherever they appear. */
const API_TOKEN = /ft_[A-Za-z0-9_-]{43}/g;
const AUTHORIZATION_VALUE = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const URL_PASSWORD = /(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/gi;
/** Everything before the @ of an http(s) URL: `https://user:token@site` (refused in JIRA_BASE_URL, blanked anywhere). */
const HTTP_USERINFO = /\b(https?:\/\/)[^\s/?#@"'<>]+@/gi;

/** The configured secrets of this process; short values are skipped, as blanking them would mangle ordinary text. */
export function configuredSecrets(env: Env): string[] {
  const replicas = (env.DATABASE_REPLICA_URLS ?? '').split(',').map((url) => databasePassword(url.trim()));
  const values = [env.JIRA_API_TOKEN, env.JIRA_BEARER_TOKEN, env.JIRA_WEBHOOK_SECRET, databasePassword(env.DATABASE_URL), ...replicas];
  return values.filter((value): value is string => typeof value === 'string' && value.length >= 6);
}

/** A function that blanks every secret in a text (a log line, an error message). */
export function secretScrubber(env: Env): (text: string) => string {
  const literals = configuredSecrets(env).flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  const unique = [...new Set(literals)].sort((a, b) => b.length - a.length);
  return (text) => {
    let scrubbed = text;
    for (const secret of unique) if (scrubbed.includes(secret)) scrubbed = scrubbed.split(secret).join(REDACTED);
    return scrubbed.replace(API_TOKEN, REDACTED).replace(AUTHORIZATION_VALUE, `$1 ${REDACTED}`).replace(URL_PASSWORD, `$1${REDACTED}@`).replace(HTTP_USERINFO, `$1${REDACTED}@`);
  };
}

function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
