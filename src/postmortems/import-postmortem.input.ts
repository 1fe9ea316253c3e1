import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { PostmortemFormat } from './postmortem-format';

@InputType()
export class ImportPostmortemInput {
  @Field({ description: 'The document, markdown or plain text, as written (limit: IMPORT_MAX_BYTES).' })
  @IsString()
  text: string;

  @Field(() => String, { nullable: true, description: 'Where it came from (URL or path). Importing edited content from the same source makes a new revision.' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  sourceUri?: string | null;

  @Field(() => PostmortemFormat, { nullable: true, description: 'Detected when omitted.' })
  @IsOptional()
  @IsEnum(PostmortemFormat)
  format?: PostmortemFormat | null;
}
