import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/** The zod schema that validates a body, as the OpenAPI schema that documents it: one source of truth. */
export function openApiSchema(schema: z.ZodType): SchemaObject {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  });
  return json as SchemaObject;
}

export interface OpenApiInfo {
  title: string;
  description: string;
  version: string;
  security?: 'api-key' | 'candidate-token' | 'admin-token';
}

/** Serves Swagger UI at /docs and the document at /docs/openapi.json. */
export function setupOpenApi(app: INestApplication, info: OpenApiInfo): void {
  const builder = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version);
  builder.addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key');
  builder.addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'candidate-token');
  builder.addApiKey({ type: 'apiKey', in: 'header', name: 'x-admin-token' }, 'admin-token');
  const document = SwaggerModule.createDocument(app, builder.build());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
