/** A Jira call that failed: an HTTP error answer, or no answer at all (status null). */
export class JiraRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null = null,
    readonly rateLimitReason: string | null = null,
  ) {
    super(message);
    this.name = 'JiraRequestError';
  }

  /** A timeout or a dropped connection: Jira may have done the work without us hearing about it. */
  get noAnswer(): boolean {
    return this.status === null;
  }
}
