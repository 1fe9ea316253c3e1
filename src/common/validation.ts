import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadInputError } from './domain-error';

interface FieldProblem {
  field: string;
  problems: string[];
}

/** Validates every resolver argument; a failure names the field, e.g. `input.title`. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    validateCustomDecorators: false,
    exceptionFactory: (errors) => {
      const fields = flatten(errors, '');
      const summary = fields.map((f) => `${f.field}: ${f.problems.join('; ')}`).join(' | ');
      return new BadInputError(`Invalid input. ${summary}`, { field: fields[0]?.field, fields });
    },
  });
}

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
