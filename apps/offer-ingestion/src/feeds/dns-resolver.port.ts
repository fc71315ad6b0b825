export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Port: hostname to addresses. The feed fetcher resolves once per connection and connects to what it checked. */
export abstract class DnsResolver {
  abstract resolve(hostname: string): Promise<ResolvedAddress[]>;
}
