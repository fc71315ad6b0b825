import {
  applyDecorators,
  Catch,
  Controller,
  INestApplication,
  RpcExceptionFilter,
  UseFilters,
} from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { KafkaEventServer } from './kafka-event.server';

/** Handlers must surface their own errors (to be classified), not Nest's generic RPC error object. */
@Catch()
class RethrowRpcExceptionFilter implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Marks a class of `@EventPattern` handlers. Use it instead of `@Controller()`: errors reach the
 * consumer runner as thrown, so a transient failure is retried and a poison message is parked.
 */
export function KafkaConsumer(): ClassDecorator {
  return applyDecorators(Controller(), UseFilters(RethrowRpcExceptionFilter));
}

/** Attaches the Kafka transport to an HTTP app, so its `@EventPattern` handlers start consuming. */
export async function startKafkaTransport(app: INestApplication): Promise<KafkaEventServer> {
  const server = app.get(KafkaEventServer);
  app.connectMicroservice({ strategy: server });
  await app.startAllMicroservices();
  return server;
}
