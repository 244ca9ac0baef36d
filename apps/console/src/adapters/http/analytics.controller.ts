import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { funnelDimensions, type AbTestResult, type BudgetDay, type ChurnDistribution, type FunnelReport, type ModelVersionUsage } from '../../application/read-models';
import { PostgresChurnQueries } from '../postgres/postgres-churn-queries';
import { PostgresFunnelQueries } from '../postgres/postgres-funnel-queries';
import { ApiAnalyticsFilter, parseAnalyticsFilter, parseDimension } from './analytics-filter.query';
import { RequireRole, RolesGuard } from './roles.guard';

@ApiTags('analytics')
@ApiSecurity('api-key')
@Controller('api')
@UseGuards(RolesGuard)
@RequireRole('viewer')
export class AnalyticsController {
  constructor(
    @Inject(PostgresFunnelQueries) private readonly funnels: PostgresFunnelQueries,
    @Inject(PostgresChurnQueries) private readonly churn: PostgresChurnQueries,
  ) {}

  @Get('funnel')
  @ApiOperation({
    summary: 'Trigger Sent → Opened → Clicked → Purchase: counts, rates, time to convert, revenue, discount cost, net profit, uplift vs holdout',
    description:
      'uplift: customers sent something by the campaign versions that have a holdout (decision-recorded), pooled, against those held out: purchases within CONSOLE_ATTRIBUTION_DAYS of each decision, the difference of purchase rates with a 95 % Newcombe interval and of revenue per customer. Only from, to, campaignId and segment narrow it: a holdout has no variant, channel or locale.',
  })
  @ApiAnalyticsFilter()
  @ApiQuery({ name: 'groupBy', required: false, enum: funnelDimensions, description: 'adds a breakdown by this dimension' })
  @ApiOkResponse({ description: 'the funnel of messages requested in the range' })
  funnel(@Query() query: Record<string, unknown>): Promise<FunnelReport> {
    return this.funnels.funnel(parseAnalyticsFilter(query), parseDimension(query.groupBy));
  }

  @Get('ab-tests')
  @ApiOperation({
    summary: 'Per campaign version: conversion per variant with 95 % Wilson intervals and the verdict (two-proportion z-test), discounts sent (mean, range), each variant against the holdout',
    description: 'holdout and variants[].customers: customers per arm by their first decision-recorded of the version, and how many bought within CONSOLE_ATTRIBUTION_DAYS; upliftVsHoldout: the difference of purchase rates (95 % Newcombe interval) and of revenue per customer.',
  })
  @ApiAnalyticsFilter()
  abTests(@Query() query: Record<string, unknown>): Promise<AbTestResult[]> {
    return this.funnels.abTests(parseAnalyticsFilter(query));
  }

  @Get('budget')
  @ApiOperation({ summary: 'Discount reserved (message-requested) and spent (converted results) per budget day, against the daily cap' })
  @ApiAnalyticsFilter()
  budget(@Query() query: Record<string, unknown>): Promise<BudgetDay[]> {
    return this.funnels.budgetByDay(parseAnalyticsFilter(query));
  }

  @Get('churn')
  @ApiOperation({ summary: 'Latest churn score per customer (deciles, bands), bands per week, band transitions, segments per week' })
  @ApiAnalyticsFilter()
  distribution(@Query() query: Record<string, unknown>): Promise<ChurnDistribution> {
    return this.churn.distribution(parseAnalyticsFilter(query));
  }

  @Get('models')
  @ApiOperation({ summary: 'Model versions seen in churn-scored, with the share of customers each scored' })
  @ApiAnalyticsFilter()
  models(@Query() query: Record<string, unknown>): Promise<ModelVersionUsage[]> {
    return this.churn.modelVersions(parseAnalyticsFilter(query));
  }
}
