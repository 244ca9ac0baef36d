import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiKeyAuth, SESSION_COOKIE } from './api-key-auth';
import { RolesGuard, type AuthenticatedRequest } from './roles.guard';

export const SECURE_COOKIES = Symbol('SecureCookies');

/** The browser's way in: the sign-in form posts the key once; an HttpOnly cookie carries it from then on. */
@ApiTags('session')
@Controller()
export class SessionController {
  constructor(@Inject(ApiKeyAuth) private readonly auth: ApiKeyAuth, @Inject(SECURE_COOKIES) private readonly secure: boolean) {}

  @Post('auth/sign-in')
  @ApiExcludeEndpoint()
  signIn(@Body() body: { apiKey?: unknown }, @Res() response: Response): void {
    const key = typeof body?.apiKey === 'string' ? body.apiKey.trim() : undefined;
    if (!this.auth.roleOf(key)) {
      response.redirect(303, '/sign-in?failed=1');
      return;
    }
    response.cookie(SESSION_COOKIE, key, { httpOnly: true, sameSite: 'strict', secure: this.secure, path: '/' });
    response.redirect(303, '/');
  }

  @Post('auth/sign-out')
  @ApiExcludeEndpoint()
  signOut(@Res() response: Response): void {
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    response.redirect(303, '/sign-in');
  }

  @Get('api/me')
  @HttpCode(200)
  @UseGuards(RolesGuard)
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'The role of the key presented' })
  me(@Req() request: AuthenticatedRequest): { role: string } {
    if (!request.consoleRole) throw new UnauthorizedException();
    return { role: request.consoleRole };
  }
}
