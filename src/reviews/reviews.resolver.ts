import { Context, Query, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import type { GraphQLContext } from '../graphql/graphql-context';
import { ReliabilityReviewModel } from './review.model';
import { ReliabilityReviewArgs } from './reviews.args';
import { ReviewsService } from './reviews.service';

@Resolver(() => ReliabilityReviewModel)
export class ReviewsResolver {
  constructor(private readonly reviews: ReviewsService) {}

  @Query(() => ReliabilityReviewModel, {
    description: 'The weekly reliability review: what broke, what we promised, what is late, what keeps coming back, which promises we keep breaking. A past week is rebuilt from the audit history as of its end, so it does not change later. At most one per request.',
  })
  reliabilityReview(@Args() { week, team }: ReliabilityReviewArgs, @Context() context: GraphQLContext): Promise<ReliabilityReviewModel> {
    return this.reviews.review(week, team, context.signal);
  }
}
