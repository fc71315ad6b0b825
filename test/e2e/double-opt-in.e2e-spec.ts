import { CandidateLinks, SignedTokens, SystemClock } from '@vigie/kernel';
import { eventually, offerInput, TEST_SECRETS, useRunningStack } from '@vigie/testing';

/**
 * An alert created with only an e-mail address sends one confirmation e-mail and nothing else
 * until it is confirmed (double opt-in, row A4). One shard, so both alerts are matched in the same pass over each offer: the
 * verified candidate's e-mail is the signal that the pending alert was considered too.
 */
describe('double opt-in of an address-only alert', () => {
  const env = useRunningStack('e2e-optin', { MATCHER_SHARDS: '1' });
  let apiKey: string;

  beforeAll(async () => {
    apiKey = (await env.api.createRecruiter('Charpentes de Loire')).body.apiKey;
  });

  it('mails an unconfirmed address its confirmation only, then the offers published after its confirmation', async () => {
    const visitor = 'yanis.girard@example.org';
    const member = 'lou.fontaine@example.org';
    const criteria = { q: 'charpentier', where: { kind: 'department', code: '44' } };
    const pending = await env.api.createAddressAlert({ email: visitor, criteria });
    expect(pending.status).toBe(201);
    expect(pending.body.status).toBe('pending');
    const token = env.api.candidateToken('cand-lou', member);
    expect((await env.api.createAlert(token, { criteria })).status).toBe(201);

    const place = {
      city: 'Nantes',
      postalCode: '44000',
      communeCode: '44109',
      latitude: 47.2184,
      longitude: -1.5536,
    };
    // Distinct jobs (not copies of one: a duplicate cluster matches once per alert).
    const jobs = [
      [
        'Charpentier bois',
        'Taille et levage de charpentes traditionnelles en chêne pour des maisons anciennes.',
      ],
      ['Charpentier couvreur', 'Pose de couvertures en ardoise et zinc sur des immeubles du centre-ville.'],
      [
        'Charpentier menuisier',
        'Fabrication d’escaliers et de menuiseries intérieures sur mesure en atelier.',
      ],
      [
        'Charpentier métallique',
        'Montage de structures en acier pour des entrepôts logistiques et des hangars.',
      ],
      ['Charpentier de marine', 'Restauration de coques en bois de voiliers classiques au chantier naval.'],
      [
        'Chef d’équipe charpentier',
        'Encadrement de quatre compagnons sur des chantiers de maisons à ossature bois.',
      ],
    ] as const;
    const publish = async (ref: string, i: number) => {
      const [title, description] = jobs[i % jobs.length]!;
      const offer = offerInput({
        externalRef: ref,
        title: `${title} (${ref})`,
        description,
        location: place,
      });
      expect((await env.api.publishOffers(apiKey, [offer])).status).toBe(200);
    };

    // The one e-mail an unconfirmed address receives: the confirmation, with a signed link.
    const confirmation = await eventually(
      () => {
        const received = env.smtp.to(visitor);
        expect(received).toHaveLength(1);
        return received[0]!;
      },
      { timeoutMs: 60_000 },
    );
    expect(confirmation.subject).toBe('Confirmez votre alerte emploi');
    const confirmLink = new URL(/https?:\/\/\S+\/c\/alerts\/confirm\?t=\S+/.exec(confirmation.text)![0]);
    const links = new CandidateLinks(
      env.stack.envOf('alert-delivery').ALERTS_PUBLIC_URL!,
      new SignedTokens(TEST_SECRETS.ALERT_LINK_SECRET, new SystemClock()),
    );
    expect(links.verify('confirm', confirmLink.searchParams.get('t')!).sub).toBe(pending.body.id);

    await publish('BEFORE', 0);
    await eventually(() => expect(env.smtp.to(member)).toHaveLength(1), { timeoutMs: 60_000 });
    expect(env.smtp.to(visitor)).toEqual([confirmation]);

    const confirmed = await env.api.internal<{ status: string; version: number }>(
      'POST',
      `/internal/v1/alerts/${pending.body.id}/confirm`,
    );
    expect(confirmed.body).toMatchObject({ status: 'active', version: 2 });

    // The confirmation reaches every matcher instance through alerts.alert.changed.v1 within a
    // second; offers published from now on are mailed to the visitor too.
    let n = 0;
    await eventually(
      async () => {
        n += 1;
        await publish(`AFTER-${n}`, n);
        await eventually(() => expect(env.smtp.to(member)).toHaveLength(n + 1), { timeoutMs: 30_000 });
        expect(env.smtp.to(visitor).length).toBeGreaterThan(1);
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(env.smtp.to(visitor).map((m) => m.subject)).not.toContain(
      'Nouvelle offre : Charpentier bois (BEFORE)',
    );
    expect(env.smtp.to(member)[0]!.subject).toBe('Nouvelle offre : Charpentier bois (BEFORE)');
    // Confirmed or not, one confirmation e-mail only.
    expect(env.smtp.to(visitor).filter((m) => m.subject === confirmation.subject)).toHaveLength(1);
  });
});
