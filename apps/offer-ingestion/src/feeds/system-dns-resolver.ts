import { lookup } from 'node:dns/promises';
import { DnsResolver, ResolvedAddress } from './dns-resolver.port';

/** The operating system's resolver (getaddrinfo), every address it returns. */
export class SystemDnsResolver extends DnsResolver {
  async resolve(hostname: string): Promise<ResolvedAddress[]> {
    const found = await lookup(hostname, { all: true, verbatim: true });
    return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  }
}
