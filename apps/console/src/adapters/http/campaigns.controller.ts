import { Controller, Get, Inject, NotFoundException, Param, ParseIntPipe, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { CampaignDetail, CampaignSummary } from '../../application/read-models';
import { PostgresCampaignQueries } from '../postgres/postgres-campaign-queries';
import { PostgresFunnelQueries } from '../postgres/postgres-funnel-queries';
import { ApiAnalyticsFilter, parseAnalyticsFilter } from './analytics-filter.query';
import { RequireRole, RolesGuard } from './roles.guard';

@ApiTags('campaigns')
@ApiSecurity('api-key')
@Controller('api/campaigns')
@UseGuards(RolesGuard)
@RequireRole('viewer')
export class CampaignsController {
  constructor(
    @Inject(PostgresCampaignQueries) private readonly campaigns: PostgresCampaignQueries,
    @Inject(PostgresFunnelQueries) private readonly funnels: PostgresFunnelQueries,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every campaign version that requested messages, with its variants, segments, channels and results' })
  @ApiAnalyticsFilter()
  list(@Query() query: Record<string, unknown>): Promise<CampaignSummary[]> {
    return this.campaigns.list(parseAnalyticsFilter(query));
  }

  @Get(':campaignId/versions/:version')
  @ApiOperation({ summary: 'One campaign version: its definition as seen in the events, funnel by variant, recent reasons' })
  async detail(@Param('campaignId') campaignId: string, @Param('version', ParseIntPipe) version: number): Promise<CampaignDetail> {
    const [summary] = (await this.campaigns.list({ campaignId })).filter((campaign) => campaign.campaignVersion === version);
    if (!summary) throw new NotFoundException(`no messages of campaign ${campaignId} version ${version} were recorded`);
    const funnel = await this.funnels.funnel({ campaignId }, 'variant');
    return { ...summary, funnel, recentReasons: await this.campaigns.recentReasons(campaignId, version, 20) };
  }
}
