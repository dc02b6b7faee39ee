"""Produces records with librdkafka (python3-confluent-kafka), which, unlike the Java producer,
sends any timestamp it is given, negative ones included, as librdkafka and sarama clients do.

Usage: librdkafka_produce.py BOOTSTRAP_SERVERS < records.jsonl
Each input line: {"topic": "t", "partition": 0, "timestamp": -1, "key": "T-1" | null,
                  "value": "text" | null, "headers": [["name", "text" | null], ...]}
Each output line (stdout, in input order): {"partition": 0, "offset": 5, "timestamp": -1}
Exits 1, saying why on stderr, when any record is not acknowledged.
"""
import json
import sys

from confluent_kafka import Producer


def encode(text):
    return None if text is None else text.encode("utf-8")


def main():
    producer = Producer({"bootstrap.servers": sys.argv[1], "acks": "all", "enable.idempotence": True})
    results = []
    errors = []

    def delivered(index):
        def report(error, message):
            if error is not None:
                errors.append("record %d: %s" % (index, error))
            else:
                results.append((index, {"partition": message.partition(), "offset": message.offset(),
                                        "timestamp": message.timestamp()[1]}))
        return report

    for index, line in enumerate(line for line in sys.stdin if line.strip()):
        record = json.loads(line)
        headers = [(name, encode(value)) for name, value in record.get("headers", [])]
        producer.produce(record["topic"], key=encode(record.get("key")), value=encode(record.get("value")),
                         partition=record["partition"], timestamp=record["timestamp"], headers=headers,
                         on_delivery=delivered(index))
        producer.poll(0)
    remaining = producer.flush(30)
    if remaining:
        errors.append("%d records not acknowledged within 30 s" % remaining)
    if errors:
        sys.stderr.write("\n".join(errors) + "\n")
        sys.exit(1)
    for _, result in sorted(results, key=lambda item: item[0]):
        print(json.dumps(result))


if __name__ == "__main__":
    main()
