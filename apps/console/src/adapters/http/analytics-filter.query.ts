import { applyDecorators, BadRequestException } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { funnelDimensions, type AnalyticsFilter, type FunnelDimension } from '../../application/read-models';

const TEXT_FIELDS = ['campaignId', 'segment', 'variant', 'channel', 'locale'] as const;

/** The shared query parameters, documented once for OpenAPI. */
export const ApiAnalyticsFilter = (): MethodDecorator =>
  applyDecorators(
    ApiQuery({ name: 'from', required: false, description: 'inclusive start (ISO-8601 date or date-time) of when messages were requested / events occurred' }),
    ApiQuery({ name: 'to', required: false, description: 'exclusive end (ISO-8601)' }),
    ...TEXT_FIELDS.map((name) => ApiQuery({ name, required: false, description: `only this ${name}` })),
  );

export function parseAnalyticsFilter(query: Record<string, unknown>): AnalyticsFilter {
  const filter: AnalyticsFilter = {};
  const problems: string[] = [];
  for (const name of ['from', 'to'] as const) {
    const value = single(query[name]);
    if (value === undefined) continue;
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) problems.push(`${name} must be an ISO-8601 date or date-time, got "${value}"`);
    else filter[name] = new Date(value).toISOString();
  }
  for (const name of TEXT_FIELDS) {
    const value = single(query[name]);
    if (value === undefined) continue;
    if (value.length > 128) problems.push(`${name} must be at most 128 characters`);
    else filter[name] = value;
  }
  if (filter.from && filter.to && filter.from >= filter.to) problems.push('from must be before to');
  if (problems.length > 0) throw new BadRequestException(problems);
  return filter;
}

export function parseDimension(raw: unknown): FunnelDimension | undefined {
  const value = single(raw);
  if (value === undefined) return undefined;
  if (!(funnelDimensions as readonly string[]).includes(value)) throw new BadRequestException([`groupBy must be one of ${funnelDimensions.join(', ')}, got "${value}"`]);
  return value as FunnelDimension;
}

function single(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value[value.length - 1] : value;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}
