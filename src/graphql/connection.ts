import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type { Page } from '../common/pagination';


@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, from 1 to the server\'s MAX_PAGE_SIZE (100 unless configured).' })
  @IsInt()
  @Min(1)
  first = 20;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (pageInfo.endCursor of the previous page).' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  after?: string | null;
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

/** A Relay connection type (`<Name>Connection` with `<Name>Edge`) for a model. */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => node)
    node: T;

    @Field()
    cursor: string;
  }

  @ObjectType({ isAbstract: true })
  class ConnectionType {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => [node], { description: 'The nodes of `edges`, for clients that do not need cursors.' })
    nodes: T[];

    @Field(() => Int, { description: 'How many match the filter, over all pages.' })
    totalCount: number;

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  return {
    edges: page.nodes.map((node, i) => ({ node, cursor: page.cursors[i] })),
    nodes: page.nodes,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors.at(-1) ?? null,
    },
  };
}
