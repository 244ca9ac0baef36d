import { Controller, Get } from '@nestjs/common';

/** Liveness for orchestrators (docker-compose, Kubernetes): the process is up and Nest is serving. */
@Controller('health')
export class HealthController {
  @Get()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
