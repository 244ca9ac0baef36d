import type { ZodError } from 'zod';

/** A message that can never be processed as it is: retrying will not help, so it goes to the dead-letter topic. */
export class InvalidEvent extends Error {
  readonly code = 'INVALID_EVENT';
  readonly retryable = false;

  constructor(readonly eventName: string, readonly issues: string[]) {
    super(`invalid ${eventName}: ${issues.join('; ')}`);
    this.name = 'InvalidEvent';
  }

  static fromZod(eventName: string, error: ZodError): InvalidEvent {
    return new InvalidEvent(eventName, describeIssues(error));
  }
}

/** Names the offending field the way a person would look it up: `data.amount: Expected number, received string`. */
export function describeIssues(error: ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}
