import { Injectable, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { Env } from '../config/env';
import { PageArgs } from '../graphql/connection';
import { BadInputError } from './domain-error';
import { wellFormedText } from './well-formed-text';

interface FieldProblem {
  field: string;
  problems: string[];
}

class ValidationFailure extends Error {
  constructor(readonly fields: FieldProblem[]) {
    super('validation failed');
  }
}

/**
 * Validates resolver arguments (every `@Args`, see src/graphql/args.ts). A failure names each field as the client
 * wrote it, including the argument it sits in (`input.title`, not `title`). Lone surrogates in any string become
 * U+FFFD first, as PostgreSQL would store them, so what is validated, stored and answered is the same text.
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  private readonly maxPageSize: number;

  constructor(env: Env) {
    super({ transform: true, exceptionFactory: (errors) => new ValidationFailure(flatten(errors, '')) });
    this.maxPageSize = env.MAX_PAGE_SIZE;
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    let transformed: unknown;
    try {
      transformed = await super.transform(wellFormedText(value), metadata);
    } catch (error) {
      if (!(error instanceof ValidationFailure)) throw error;
      // @Args('input') validates the input object itself; @Args() validates the arguments as one object.
      const prefix = metadata.data ? `${metadata.data}.` : '';
      const fields = error.fields.map((f) => ({ field: `${prefix}${f.field}`, problems: f.problems }));
      const summary = fields.map((f) => `${f.field}: ${f.problems.join('; ')}`).join(' | ');
      throw new BadInputError(`Invalid input. ${summary}`, { field: fields[0]?.field, fields });
    }
    // The page size limit is a setting (MAX_PAGE_SIZE), so it is checked here rather than in a decorator.
    if (transformed instanceof PageArgs && transformed.first > this.maxPageSize) {
      throw new BadInputError(`Invalid input. first: at most ${this.maxPageSize} per page (MAX_PAGE_SIZE); page on with pageInfo.endCursor.`, {
        field: 'first',
        limit: this.maxPageSize,
      });
    }
    return transformed;
  }
}

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
