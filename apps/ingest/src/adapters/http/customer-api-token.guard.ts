import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, NotFoundException, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { IngestConfig } from '../../config';
import { INGEST_CONFIG } from '../../tokens';

/**
 * The customer store holds personal data, so its API is off (404) until CUSTOMER_STORE_API_TOKEN is set, and
 * then wants `Authorization: Bearer <token>` (401 otherwise), compared in constant time.
 */
@Injectable()
export class CustomerApiTokenGuard implements CanActivate {
  constructor(@Inject(INGEST_CONFIG) private readonly config: IngestConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.customerStoreApiToken;
    if (!expected) throw new NotFoundException('the customer store API is off (CUSTOMER_STORE_API_TOKEN is not set)');
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const given = /^Bearer (.+)$/i.exec(header.trim())?.[1] ?? '';
    // Hashing first gives equal lengths, which timingSafeEqual needs, without revealing the token's length.
    if (!timingSafeEqual(digest(given), digest(expected))) throw new UnauthorizedException('Authorization: Bearer <CUSTOMER_STORE_API_TOKEN> is missing or wrong');
    return true;
  }
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
