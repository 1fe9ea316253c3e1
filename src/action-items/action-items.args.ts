import { ArgsType, Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { FLAG_CODES, type FlagCode } from '../flags/action-item-flags';
import { FlagCodeEnum } from './flag.model';
import { OptionalIdField } from '../graphql/input-fields';
import type { SortDirection } from '../common/pagination';
import { PageArgs } from '../graphql/connection';
import { LocalDateScalar } from '../graphql/local-date.scalar';
import { ActionItemKind, ActionItemStatus } from './action-item-enums';

export enum ActionItemOrderField {
  DUE_ON = 'DUE_ON',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  PRIORITY = 'PRIORITY',
}
registerEnumType(ActionItemOrderField, { name: 'ActionItemOrderField' });

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@InputType()
export class ActionItemFilter {
  @Field(() => [ActionItemStatus], { nullable: true })
  @IsOptional()
  @IsEnum(ActionItemStatus, { each: true })
  status?: ActionItemStatus[] | null;

  @Field(() => [ActionItemKind], { nullable: true })
  @IsOptional()
  @IsEnum(ActionItemKind, { each: true })
  kind?: ActionItemKind[] | null;

  @OptionalIdField()
  ownerId?: string | null;

  @OptionalIdField()
  serviceId?: string | null;

  @OptionalIdField()
  incidentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: not done and past its due date (in DUE_DATE_TIME_ZONE); false: everything else.' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Due strictly before this date.' })
  @IsOptional()
  @IsString()
  dueBefore?: string | null;

  @Field(() => [FlagCodeEnum], { nullable: true, description: 'Items with any of these flags (computed by the same rules as ActionItem.flags).' })
  @IsOptional()
  @IsIn(FLAG_CODES, { each: true })
  @ArrayMaxSize(FLAG_CODES.length)
  flags?: FlagCode[] | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive text in the title or description.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string | null;
}

@InputType()
export class ActionItemOrder {
  @Field(() => ActionItemOrderField)
  @IsEnum(ActionItemOrderField)
  field: ActionItemOrderField;

  // Nullable: graphql-jit ignores the defaults of non-null input fields given through variables.
  @Field(() => OrderDirection, { nullable: true, defaultValue: OrderDirection.ASC })
  @IsOptional()
  @IsEnum(OrderDirection)
  direction?: SortDirection | null;
}

@ArgsType()
export class ActionItemsArgs extends PageArgs {
  @Field(() => ActionItemFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActionItemFilter)
  filter?: ActionItemFilter | null;

  @Field(() => ActionItemOrder, { nullable: true, description: 'Defaults to dueOn ascending; items with no due date come last.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActionItemOrder)
  orderBy?: ActionItemOrder | null;
}
