import { Controller, Get, INestApplication, Module, Param, RequestMethod } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { eventually } from '@vigie/testing';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loggerModuleFor } from './logger';

@Controller()
class ProbeController {
  @Get('quiet/:id')
  quiet(@Param('id') id: string) {
    return { id };
  }

  @Get('loud/:id')
  loud(@Param('id') id: string) {
    return { id };
  }
}

/** An unlogged route gets no access line, the others still do (HTTP on a real Nest app). */
describe('loggerModuleFor with unlogged routes', () => {
  const lines: Array<{ msg?: string; req?: { url?: string } }> = [];
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    @Module({
      imports: [loggerModuleFor(logger, [{ path: 'quiet/:id', method: RequestMethod.GET }])],
      controllers: [ProbeController],
    })
    class ProbeModule {}
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
  });

  it('writes no access line for the unlogged route and one for another route', async () => {
    const quiet = await fetch(`${url}/quiet/1`);
    expect(quiet.status).toBe(200);
    expect(await quiet.json()).toEqual({ id: '1' });
    // Asked after the quiet answer: once its line is written, the quiet one would have been too.
    const loud = await fetch(`${url}/loud/2`);
    expect(loud.status).toBe(200);
    await eventually(async () => {
      expect(lines.filter((l) => l.msg === 'request completed').map((l) => l.req?.url)).toContain('/loud/2');
    });
    const urls = lines.map((l) => l.req?.url);
    expect(urls).not.toContain('/quiet/1');
  });
});
