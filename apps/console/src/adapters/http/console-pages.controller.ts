import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The SPA's files ship beside src/ and dist/ in apps/console/public. */
export const PUBLIC_DIR = join(__dirname, '..', '..', '..', 'public');
const ASSETS = new Set(['app.js', 'app.css', 'charts.js', 'pages.js']);
// Chart.js from node_modules, never a CDN: the console must work on machines without internet access.
const CHART_JS = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');

/** The pages carry no data: everything comes from /api with the key, so serving them needs no key. */
@ApiExcludeController()
@Controller()
export class ConsolePagesController {
  @Get()
  index(@Res() response: Response): void {
    response.sendFile(join(PUBLIC_DIR, 'index.html'));
  }

  @Get('sign-in')
  signIn(@Res() response: Response): void {
    response.sendFile(join(PUBLIC_DIR, 'sign-in.html'));
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() response: Response): void {
    if (!ASSETS.has(file) || !existsSync(join(PUBLIC_DIR, file))) throw new NotFoundException();
    response.sendFile(join(PUBLIC_DIR, file));
  }

  @Get('vendor/chart.umd.min.js')
  chart(@Res() response: Response): void {
    response.sendFile(CHART_JS);
  }
}
