import { OfferIndexedV2, TOPICS } from '@vigie/contracts';
import { delay, eventually, offerInput, readTopic, useRunningStack } from '@vigie/testing';

/**
 * Replaying the offer topic from the start (a reset consumer group, a new group, a restored
 * backup) must not resurrect a deleted offer: the index refuses the old versions (409), and the
 * indexer announces only what the index really holds, so no alert created since sees it.
 */
describe('replaying the offer topic after a deletion', () => {
  const env = useRunningStack('e2e-replay');

  const indexedOf = async (offerId: string): Promise<OfferIndexedV2[]> =>
    (await readTopic(env.kafka, env.topic(TOPICS.offerIndexed)))
      .filter((m) => m.key === offerId)
      .map((m) => JSON.parse(m.value!) as OfferIndexedV2);

  /** Until the group has committed every offer event currently on the topic. */
  const caughtUp = async (groupId: string) => {
    const admin = env.kafka.admin();
    await admin.connect();
    try {
      const topic = env.topic(TOPICS.offerChanged);
      // An empty partition has nothing to commit.
      const ends = (await admin.fetchTopicOffsets(topic)).filter((p) => Number(p.high) > Number(p.low));
      expect(ends.length).toBeGreaterThan(0);
      await eventually(
        async () => {
          const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
          for (const end of ends) {
            const at = committed!.partitions.find((p) => p.partition === end.partition);
            expect({ partition: end.partition, offset: Number(at?.offset ?? -1) }).toEqual({
              partition: end.partition,
              offset: Number(end.high),
            });
          }
        },
        { timeoutMs: 60_000 },
      );
    } finally {
      await admin.disconnect();
    }
  };

  it('sends no e-mail and announces nothing for the deleted offer, and the pipeline still delivers new offers', async () => {
    const recruiter = await env.api.createRecruiter('Chaudronnerie du Rhône');
    expect(recruiter.status).toBe(201);
    const apiKey = recruiter.body.apiKey;

    const published = await env.api.publishOffers(apiKey, [
      offerInput({ externalRef: 'E2E-REPLAY-GONE', title: 'Soudeur TIG confirmé (H/F)' }),
    ]);
    expect(published.status).toBe(200);
    const offerId = published.body.accepted[0]!.offerId;
    await eventually(async () => expect((await indexedOf(offerId)).map((e) => e.status)).toEqual(['active']));

    expect((await env.api.deleteOffer(apiKey, offerId)).status).toBe(204);
    await eventually(async () =>
      expect((await indexedOf(offerId)).map((e) => e.status)).toEqual(['active', 'deleted']),
    );

    const email = 'lou.bernard@example.org';
    const token = env.api.candidateToken('cand-lou', email);
    expect((await env.api.createAlert(token, { keywords: ['soudeur'] })).status).toBe(201);

    // A fresh consumer group reads the offer topic from offset 0, as a reset group would; one event
    // per batch, so the old creation is not folded into its deletion within a batch.
    const indexer = env.stack.services['offer-indexer'];
    await indexer.stop();
    const replayGroup = `offer-indexer-replay-${Date.now()}`;
    await indexer.start({ KAFKA_GROUP_ID: replayGroup, KAFKA_CONSUMER_BATCH_SIZE: '1' }).ready();
    await caughtUp(`${env.stack.topicPrefix}${replayGroup}`);

    // The matcher gets time to (not) match, then a new offer proves the whole path is alive.
    await delay(3_000);
    expect(env.smtp.to(email).map((m) => m.subject)).toEqual([]);
    expect((await indexedOf(offerId)).map((e) => e.status)).toEqual(['active', 'deleted']);

    const fresh = await env.api.publishOffers(apiKey, [
      offerInput({ externalRef: 'E2E-REPLAY-NEW', title: 'Soudeur MIG/MAG (H/F)' }),
    ]);
    expect(fresh.status).toBe(200);
    const mail = await eventually(
      () => {
        const received = env.smtp.to(email);
        expect(received).toHaveLength(1);
        return received[0]!;
      },
      { timeoutMs: 60_000 },
    );
    expect(mail.subject).toBe('Nouvelle offre : Soudeur MIG/MAG (H/F)');
  });
});
