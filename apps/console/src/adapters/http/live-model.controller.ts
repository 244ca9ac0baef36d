import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DescribeLiveModel, withUsage, type LiveModelReport } from '../../application/live-model';
import { PostgresChurnQueries } from '../postgres/postgres-churn-queries';
import { ApiAnalyticsFilter, parseAnalyticsFilter } from './analytics-filter.query';
import { LIVE_MODEL_REPORT_SCHEMA } from './live-model.schema';
import { RequireRole, RolesGuard } from './roles.guard';

@ApiTags('analytics')
@ApiSecurity('api-key')
@Controller('api')
@UseGuards(RolesGuard)
@RequireRole('viewer')
export class LiveModelController {
  constructor(
    @Inject(DescribeLiveModel) private readonly liveModel: DescribeLiveModel,
    @Inject(PostgresChurnQueries) private readonly churn: PostgresChurnQueries,
  ) {}

  @Get('models/live')
  @ApiOperation({
    summary: "The model the churn scorer serves now (gRPC GetModelInfo: version, metrics, training provenance, band thresholds), with the share of customers that version scored in the range",
    description: 'Always 200: status is ok, unreachable (with the reason) or not-configured (CONSOLE_CHURN_SCORER_ADDRESS unset). The answer is cached for CONSOLE_MODEL_INFO_CACHE_MS.',
  })
  @ApiAnalyticsFilter()
  @ApiOkResponse({ description: 'the live model, or why it cannot be shown', schema: LIVE_MODEL_REPORT_SCHEMA })
  async live(@Query() query: Record<string, unknown>): Promise<LiveModelReport> {
    const filter = parseAnalyticsFilter(query);
    const [state, usage] = await Promise.all([this.liveModel.execute(), this.churn.modelVersions(filter)]);
    return withUsage(state, usage);
  }
}
