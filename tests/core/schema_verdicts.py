#!/usr/bin/env python3
"""Prints the verdict of an independent JSON Schema validator (python3-jsonschema) for payloads.

Usage: schema_verdicts.py EXPORT_DIR PAYLOADS
EXPORT_DIR holds what `preflight-cli export --format jsonschema` wrote: bundle.schema.json and one
<event>.schema.json per event. PAYLOADS is a cases file (JSON array of {"name", "kind", "payload"[, "event"]})
or a JSONL file (one payload per line, named by line number). Whole payloads (Pipelines track and identify
calls, Track v1 bodies) are checked against the bundle, which selects by shape; a bare properties object
(kind "properties") against the schema of its event, found by name or alias (no schema: an unknown event,
invalid). Output: one JSON object {name: true|false} (true = valid) with every payload.
"""
import json
import os
import sys

import jsonschema


def checker(schema):
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def file_name(event):
    return "".join("_" if c in "/\\ " else c for c in event) + ".schema.json"


def main():
    directory, payloads_path = sys.argv[1], sys.argv[2]
    with open(os.path.join(directory, "bundle.schema.json"), encoding="utf-8") as f:
        bundle = json.load(f)
    whole = checker(bundle)
    # Event name or alias -> the event's own schema file.
    definitions = bundle.get("$defs", bundle.get("definitions", {}))
    event_files = {}
    for event, body in definitions.items():
        for name in [event] + body.get("x-preflight-aliases", []):
            event_files[name] = os.path.join(directory, file_name(event))
    event_checkers = {}

    def properties_verdict(event, payload):
        path = event_files.get(event)
        if path is None:
            return False
        if path not in event_checkers:
            with open(path, encoding="utf-8") as f:
                event_checkers[path] = checker(json.load(f))
        return event_checkers[path].is_valid(payload)

    with open(payloads_path, encoding="utf-8") as f:
        text = f.read()
    if payloads_path.endswith(".jsonl"):
        named = [(str(i + 1), {"payload": json.loads(line)})
                 for i, line in enumerate(text.splitlines()) if line.strip()]
    else:
        named = [(case["name"], case) for case in json.loads(text)]
    verdicts = {}
    for name, case in named:
        if case.get("kind") == "properties":
            verdicts[name] = properties_verdict(case.get("event", ""), case["payload"])
        else:
            verdicts[name] = whole.is_valid(case["payload"])
    json.dump(verdicts, sys.stdout)


if __name__ == "__main__":
    main()
