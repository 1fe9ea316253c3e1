import { Field, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { NonBlankText } from '../graphql/input-fields';
import { Role } from './role';

@InputType()
export class CreateApiTokenInput {
  @Field({ description: 'Who or what uses it, e.g. "grafana" or "alice-laptop"; unique among active tokens.' })
  @NonBlankText(100)
  name: string;

  @Field(() => Role)
  @IsEnum(Role)
  role: Role;
}
