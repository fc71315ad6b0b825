#!/usr/bin/env bash
# Smoke test of the infrastructure started by deploy/infra/infra.sh: real
# round trips against the running Kafka broker and OpenSearch node. Leaves
# nothing behind (the topic and index it creates are deleted).
#
#   deploy/infra/smoke.sh [kafka|search|all]     (same environment as infra.sh)
#
# Kafka:  create a topic (6 partitions by default), produce 2 keyed records,
#         consume them in a consumer group, check that producing to a missing
#         topic fails (auto.create.topics.enable=false), delete the topic.
# Search: index with a `french` analyzer field, an elision+asciifolding
#         analyzer, a percolator field and rank_feature / scaled_float fields
#         (mapper-extras); index with version_type=external (and a stale
#         version is rejected), _analyze with analyzer french, percolate and
#         rank_feature queries; delete the index.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
INFRA=$SCRIPT_DIR/infra.sh
HOST=127.0.0.1
KAFKA_BROKERS=$HOST:${KAFKA_PORT:-9092}
SEARCH_URL=http://$HOST:${SEARCH_PORT:-9200}
SUFFIX=$(date +%s)-$$

pass=0
fail=0
ok() {
  printf 'ok   %s\n' "$1"
  pass=$((pass + 1))
}
ko() {
  printf 'FAIL %s\n' "$1"
  [[ -n ${2:-} ]] && printf '     %s\n' "${2:0:600}"
  fail=$((fail + 1))
}
check() { # check <name> <command...>: ok if the command succeeds
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then ok "$name"; else ko "$name" "$out"; fi
}

kafka_tool() { "$INFRA" kafka-run-class "$@"; }
produce() {
  printf 'k1:bonjour\nk2:salut\n' | kafka_tool kafka.tools.ConsoleProducer --bootstrap-server "$KAFKA_BROKERS" \
    --topic "$1" --property parse.key=true --property key.separator=: --producer-property acks=all
}

smoke_kafka() {
  local topic=vigie.smoke.$SUFFIX out
  echo "# kafka $KAFKA_BROKERS"
  check "kafka: create topic $topic" kafka_tool org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$KAFKA_BROKERS" --create --topic "$topic"
  out=$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BROKERS" \
    --describe --topic "$topic" 2>&1 || true)
  if grep -q 'PartitionCount: 6' <<<"$out"; then ok "kafka: default num.partitions=6"; else ko "kafka: default num.partitions=6" "$out"; fi
  check "kafka: produce 2 records" produce "$topic"
  out=$(kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$KAFKA_BROKERS" \
    --topic "$topic" --group "vigie-smoke-$SUFFIX" --from-beginning --max-messages 2 --timeout-ms 30000 \
    --property print.key=true 2>&1 || true)
  if grep -q $'k1\tbonjour' <<<"$out" && grep -q $'k2\tsalut' <<<"$out"; then
    ok "kafka: consume 2 records in a consumer group"
  else
    ko "kafka: consume 2 records in a consumer group" "$out"
  fi
  out=$(echo x | kafka_tool kafka.tools.ConsoleProducer --bootstrap-server "$KAFKA_BROKERS" \
    --topic "vigie.smoke.missing.$SUFFIX" --producer-property max.block.ms=2000 2>&1 || true)
  if grep -q 'not present in metadata' <<<"$out"; then
    ok "kafka: no topic auto-creation"
  else
    ko "kafka: no topic auto-creation" "$out"
  fi
  check "kafka: delete topic" kafka_tool org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$KAFKA_BROKERS" --delete --topic "$topic"
}

# es <name> <expected substring> <curl args...>
es() {
  local name=$1 expect=$2 out
  shift 2
  out=$(curl -sS --max-time 30 -H 'Content-Type: application/json' "$@" 2>&1 || true)
  if [[ $out == *"$expect"* ]]; then ok "$name"; else ko "$name" "$out"; fi
}

smoke_search() {
  local idx=vigie-smoke-$SUFFIX u=$SEARCH_URL
  echo "# search $SEARCH_URL"
  es "search: create index (french, elision, asciifolding, percolator, rank_feature, scaled_float)" \
    '"acknowledged":true' -XPUT "$u/$idx" -d '{
    "settings": {
      "number_of_shards": 1, "number_of_replicas": 0,
      "analysis": {
        "filter": {"fr_elision": {"type": "elision", "articles_case": true,
          "articles": ["l", "d", "qu", "j", "m", "t", "s", "n", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]}},
        "analyzer": {"fr_folded": {"tokenizer": "standard", "filter": ["fr_elision", "lowercase", "asciifolding"]}}
      }
    },
    "mappings": {"properties": {
      "title": {"type": "text", "analyzer": "french"},
      "folded": {"type": "text", "analyzer": "fr_folded"},
      "query": {"type": "percolator"},
      "popularity": {"type": "rank_feature"},
      "price": {"type": "scaled_float", "scaling_factor": 100}
    }}}'
  es "search: index doc with version_type=external" '"result":"created"' \
    -XPUT "$u/$idx/_doc/1?version=5&version_type=external&refresh=true" \
    -d '{"title": "Les élections à l'"'"'Assemblée nationale", "folded": "L'"'"'économie générale",
         "query": {"match": {"title": "élection"}}, "popularity": 3.5, "price": 12.34}'
  es "search: stale external version rejected" 'version_conflict_engine_exception' \
    -XPUT "$u/$idx/_doc/1?version=4&version_type=external" -d '{"title": "old"}'
  es "search: _analyze with analyzer french" '"token":"asembl"' \
    -XPOST "$u/$idx/_analyze" -d '{"analyzer": "french", "text": "L'"'"'Assemblée nationale"}'
  es "search: elision + asciifolding" '"token":"economie"' \
    -XPOST "$u/$idx/_analyze" -d '{"analyzer": "fr_folded", "text": "L'"'"'Économie"}'
  es "search: french stemming matches" '"value":1' \
    -XPOST "$u/$idx/_search" -d '{"query": {"match": {"title": "election"}}}'
  es "search: percolate query" '"_id":"1"' \
    -XPOST "$u/$idx/_search" -d '{"query": {"percolate": {"field": "query", "document": {"title": "Une élection présidentielle"}}}}'
  es "search: rank_feature query" '"_id":"1"' \
    -XPOST "$u/$idx/_search" -d '{"query": {"rank_feature": {"field": "popularity"}}}'
  es "search: scaled_float range" '"value":1' \
    -XPOST "$u/$idx/_search" -d '{"query": {"range": {"price": {"gte": 12.3, "lte": 12.4}}}}'
  es "search: delete index" '"acknowledged":true' -XDELETE "$u/$idx"
}

targets=("$@")
((${#targets[@]})) || targets=(all)
for t in "${targets[@]}"; do
  case $t in
    kafka) smoke_kafka ;;
    search) smoke_search ;;
    all)
      smoke_kafka
      smoke_search
      ;;
    *)
      echo "unknown target '$t' (kafka|search|all)" >&2
      exit 2
      ;;
  esac
done
echo "smoke: $pass passed, $fail failed"
((fail == 0))
