import { applyDecorators } from '@nestjs/common';
import { Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

/** An optional reference to another record by id; `null` clears it where the field can be cleared. */
export function OptionalIdField(description?: string): PropertyDecorator {
  return applyDecorators(Field(() => ID, { nullable: true, description }), IsOptional(), IsUUID());
}

/** Validation of a required name or title: a string of 1..max characters that is not all white space. */
export function NonBlankText(max: number): PropertyDecorator {
  return applyDecorators(IsString(), Length(1, max), Matches(/\S/, { message: '$property must not be blank' }));
}

/** Other names of a service ("payment gateway API"): up to 50, each 1..200 characters. */
export function OptionalAliasesField(description?: string): PropertyDecorator {
  return applyDecorators(Field(() => [String], { nullable: true, description }), IsOptional(), ArrayMaxSize(50), IsString({ each: true }), Length(1, 200, { each: true }));
}
