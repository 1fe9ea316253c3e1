import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { BUILD_SCHEMA_OPTIONS, RESOLVERS } from './schema-options';

const HEADER = '# Generated from the code by `npm run schema:print`; do not edit by hand. A test fails when this file is stale.\n\n';

/** The SDL of the API, sorted, built from the resolver classes without a database. */
export async function printApiSchema(): Promise<string> {
  const context = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await context.get(GraphQLSchemaFactory).create(RESOLVERS, BUILD_SCHEMA_OPTIONS);
    return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await context.close();
  }
}
