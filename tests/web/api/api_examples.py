#!/usr/bin/env python3
"""Turns an api_tests transcript into the examples appendix of spec/API.md.

  GUILDHALL_API_TRANSCRIPT=/tmp/t.txt build/tests/web/api/api_tests
  tests/web/api/api_examples.py /tmp/t.txt > /tmp/examples.md

For every route registered in web/api/routes_*.cc it takes the first
successful exchange the tests made (or the first one at all), shortens long
strings, and prints the request and the response.
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]
ROUTE = re.compile(r'api\.(Get|Post|Patch|Delete)\("([^"]+)"')


def routes():
    out = []
    for f in sorted((ROOT / "web/api").glob("routes_*.cc")):
        for method, path in ROUTE.findall(f.read_text()):
            pattern = "^/api/v1" + re.sub(r"\{[a-z]+\}", "[^/?]+", re.escape(path).replace(r"\{", "{").replace(r"\}", "}")) + r"(\?.*)?$"
            out.append((method.upper(), "/api/v1" + path, re.compile(pattern)))
    return out


def exchanges(text):
    for block in text.split("### ")[1:]:
        lines = block.split("\n")
        method, path = lines[1].split(" ", 1)
        arrow = next(i for i, l in enumerate(lines) if l.startswith("--> "))
        body = "\n".join(lines[2:arrow])
        yield method, path, body, int(lines[arrow][4:]), "\n".join(lines[arrow + 1:]).strip()


def shorten(value):
    if isinstance(value, str) and len(value) > 80:
        return value[:60] + "…"
    if isinstance(value, list):
        return [shorten(v) for v in value[:2]] + (["…"] if len(value) > 2 else [])
    if isinstance(value, dict):
        return {k: shorten(v) for k, v in value.items()}
    return value


def pretty(text):
    try:
        return json.dumps(shorten(json.loads(text)), ensure_ascii=False, separators=(",", ":"))
    except ValueError:
        return text if len(text) < 300 else text[:300] + "…"


def main(path):
    text = pathlib.Path(path).read_text(encoding="utf-8", errors="replace")
    chosen = {}
    for method, target, body, status, reply in exchanges(text):
        for m, name, pattern in routes():
            if m == method and pattern.match(target):
                best = chosen.get((m, name))
                if best is None or (best[2] >= 300 and status < 300):
                    chosen[(m, name)] = (target, body, status, reply)
                break
    for m, name, _ in routes():
        if (m, name) not in chosen:
            print(f"#### `{m} {name}`\n\n(no recorded exchange)\n")
            continue
        target, body, status, reply = chosen[(m, name)]
        print(f"#### `{m} {name}`\n\n```\n{m} {target}")
        if body and body != "<file bytes>":
            print(pretty(body))
        elif body:
            print(body)
        print(f"--> {status}\n{pretty(reply)}\n```\n")


if __name__ == "__main__":
    main(sys.argv[1])
