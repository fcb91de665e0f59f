#!/usr/bin/env python3
"""Prints the verdict of an independent JSON Schema validator (python3-jsonschema) for payloads.

Usage: schema_verdicts.py BUNDLE.schema.json PAYLOADS
PAYLOADS is a cases file (JSON array of {"name", "payload"}) or a JSONL file (one payload per line, named by
line number). Output: one JSON object {name: true|false} (true = valid), Pipelines track calls only.
"""
import json
import sys

import jsonschema


def is_track_call(payload):
    return isinstance(payload, dict) and (payload.get("type") == "track" or
                                          ("event" in payload and "type" not in payload))


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    with open(sys.argv[2], encoding="utf-8") as f:
        text = f.read()
    if sys.argv[2].endswith(".jsonl"):
        named = [(str(i + 1), json.loads(line)) for i, line in enumerate(text.splitlines()) if line.strip()]
    else:
        named = [(case["name"], case["payload"]) for case in json.loads(text)]
    verdicts = {name: validator.is_valid(payload) for name, payload in named if is_track_call(payload)}
    json.dump(verdicts, sys.stdout)


if __name__ == "__main__":
    main()
