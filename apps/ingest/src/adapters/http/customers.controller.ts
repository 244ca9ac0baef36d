import {
  BadRequestException, Body, ConflictException, Controller, Delete, Get, Headers, HttpCode, Logger, NotFoundException, Param, Patch, Post,
  ServiceUnavailableException, UseGuards,
} from '@nestjs/common';
import { EventHeaders, newEventId } from '@syncengage/contracts';
import { ManageOwnCustomers, type CustomerOutcome } from '../../application/manage-own-customers';
import { isCustomerId } from '../../application/own-customer-input';
import type { OwnCustomer } from '../../domain/own-customer';
import { CustomerApiTokenGuard } from './customer-api-token.guard';

/**
 * Our own customer store over REST. A write answers only once its `customer-updated` is in Kafka; when Kafka
 * cannot take it, the write is rolled back and the answer is 503, so the caller can simply retry.
 */
@Controller('customers')
@UseGuards(CustomerApiTokenGuard)
export class CustomersController {
  private readonly logger = new Logger(CustomersController.name);

  constructor(private readonly customers: ManageOwnCustomers) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: unknown, @Headers(EventHeaders.TraceId) trace?: string): Promise<OwnCustomer> {
    return this.answer(() => this.customers.create(body, trace ?? newEventId()));
  }

  @Get(':id')
  read(@Param('id') id: string): Promise<OwnCustomer> {
    return this.answer(() => this.customers.get(id), id);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: unknown, @Headers(EventHeaders.TraceId) trace?: string): Promise<OwnCustomer> {
    return this.answer(() => this.customers.update(id, body, trace ?? newEventId()), id);
  }

  /** Answers with the customer as it was; the event it publishes is described in domain/own-customer.ts. */
  @Delete(':id')
  erase(@Param('id') id: string, @Headers(EventHeaders.TraceId) trace?: string): Promise<OwnCustomer> {
    return this.answer(() => this.customers.erase(id, trace ?? newEventId()), id);
  }

  private async answer(work: () => Promise<CustomerOutcome>, id?: string): Promise<OwnCustomer> {
    if (id !== undefined && !isCustomerId(id)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['id: must be 1 to 128 printable ASCII characters without spaces'] });
    let outcome: CustomerOutcome;
    try {
      outcome = await work();
    } catch (error) {
      this.logger.error(`customer store write failed, nothing kept: ${(error as Error).message}`);
      throw new ServiceUnavailableException('the change could not be published; nothing was changed, retry later');
    }
    if (outcome.ok) return outcome.customer;
    if (outcome.reason === 'invalid') throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: outcome.problems });
    if (outcome.reason === 'exists') throw new ConflictException('a customer with this id exists; PATCH it instead');
    throw new NotFoundException(`no customer ${id}`);
  }
}
