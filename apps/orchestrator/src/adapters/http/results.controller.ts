import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ExperimentResults, type CampaignResults } from '../../application/experiment-results';

/** A/B results per campaign version and variant, the holdout included, with the sequential test's verdicts. */
@Controller('campaigns')
export class ResultsController {
  constructor(@Inject(ExperimentResults) private readonly experimentResults: ExperimentResults) {}

  @Get(':id/results')
  async results(@Param('id') id: string): Promise<CampaignResults> {
    const results = await this.experimentResults.forCampaign(id);
    if (!results) throw new NotFoundException(`no campaign ${id}`);
    return results;
  }
}
