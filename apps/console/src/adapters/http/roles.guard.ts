import { ForbiddenException, Inject, Injectable, SetMetadata, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { roleAllows, type Role } from '../../domain/api-keys';
import { ApiKeyAuth, presentedKey } from './api-key-auth';

const REQUIRED_ROLE = 'console:required-role';

/** The least role a route needs; routes without it need any valid key. */
export const RequireRole = (role: Role): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLE, role);

export type AuthenticatedRequest = Request & { consoleRole?: Role };

/** No key (or an unknown one): 401. A key whose role is too low: 403. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, @Inject(ApiKeyAuth) private readonly auth: ApiKeyAuth) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const role = this.auth.roleOf(presentedKey(request.headers));
    if (!role) throw new UnauthorizedException('an API key is required: X-API-Key, Authorization: Bearer, or sign in at /sign-in');
    const required = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]) ?? 'viewer';
    if (!roleAllows(role, required)) throw new ForbiddenException(`this needs the ${required} role; your key is ${role}`);
    request.consoleRole = role;
    return true;
  }
}
