/** A Jira call that failed: an HTTP error answer, or no answer at all (status null). */
export class JiraRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null = null,
    readonly rateLimitReason: string | null = null,
    /** Without an answer, what went wrong on the way: Node's error code (ECONNREFUSED, UND_ERR_SOCKET, ...) or TIMEOUT. */
    readonly networkCode: string | null = null,
  ) {
    super(message);
    this.name = 'JiraRequestError';
  }
}
