import { Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ANALYTICS_STORE, PIPELINE_PROBE, type AnalyticsStore, type PipelineProbe } from '../../application/ports';
import type { CustomerView, PipelineHealth } from '../../application/read-models';
import { PostgresCustomerQueries } from '../postgres/postgres-customer-queries';
import { RequireRole, RolesGuard } from './roles.guard';

/** What operators need beyond aggregates: one customer's whole story, and whether the pipeline keeps up. */
@ApiTags('operations')
@ApiSecurity('api-key')
@Controller('api')
@UseGuards(RolesGuard)
export class OperationsController {
  constructor(
    @Inject(PostgresCustomerQueries) private readonly customers: PostgresCustomerQueries,
    @Inject(ANALYTICS_STORE) private readonly store: AnalyticsStore,
    @Inject(PIPELINE_PROBE) private readonly probe: PipelineProbe,
  ) {}

  @Get('customers/:customerId')
  @RequireRole('operator')
  @ApiOperation({ summary: "A customer's events, scores, segment history, every message sent and every decision (sent, held out, skipped) with its reason (operator)" })
  async customer(@Param('customerId') customerId: string): Promise<CustomerView> {
    const view = await this.customers.customer(customerId, 500);
    if (!view) throw new NotFoundException(`no events of customer ${customerId} were recorded`);
    return view;
  }

  @Get('pipeline/health')
  @RequireRole('operator')
  @ApiOperation({ summary: "Consumer lag of the console's group per topic, dead-letter counts, send failures (operator)" })
  async health(): Promise<PipelineHealth> {
    const recordedEvents = await this.store.countsByType();
    return { source: this.probe.source, topics: await this.probe.topics(recordedEvents), recordedEvents, ...(await this.customers.sendFailures()) };
  }

  @Post('admin/rollup/rebuild')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Recompute the per-message rollup from the recorded events (admin)' })
  rebuild(): Promise<{ messages: number }> {
    return this.store.rebuildRollup();
  }
}
