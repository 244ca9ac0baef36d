import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ManageCampaigns } from '../../application/manage-campaigns';
import { InvalidCampaignDefinition } from '../../domain/campaign-definition';
import type { Campaign } from '../../domain/campaigns';

/** Campaign definitions over REST: list, read (any version), and add a version. Stored versions never change. */
@Controller('campaigns')
export class CampaignsController {
  constructor(@Inject(ManageCampaigns) private readonly campaigns: ManageCampaigns) {}

  @Get()
  async list(): Promise<{ campaigns: readonly Campaign[] }> {
    return { campaigns: await this.campaigns.latest() };
  }

  @Get(':id')
  async get(@Param('id') id: string, @Query('version') version?: string): Promise<Campaign> {
    const wanted = version === undefined ? undefined : Number(version);
    if (wanted !== undefined && !(Number.isInteger(wanted) && wanted > 0)) {
      throw new BadRequestException({ message: 'version must be a positive integer', problems: [`version: got "${version}"`] });
    }
    const campaign = await this.campaigns.get(id, wanted);
    if (!campaign) throw new NotFoundException(`no campaign ${id}${wanted ? ` version ${wanted}` : ''}`);
    return campaign;
  }

  @Get(':id/versions')
  async versions(@Param('id') id: string) {
    const versions = await this.campaigns.versions(id);
    if (versions.length === 0) throw new NotFoundException(`no campaign ${id}`);
    return { versions };
  }

  @Post(':id/versions')
  @HttpCode(201)
  async addVersion(@Param('id') id: string, @Body() body: unknown): Promise<Campaign> {
    try {
      return await this.campaigns.createVersion(id, body);
    } catch (error) {
      if (error instanceof InvalidCampaignDefinition) throw new BadRequestException({ message: error.message, problems: error.problems });
      throw error;
    }
  }
}
