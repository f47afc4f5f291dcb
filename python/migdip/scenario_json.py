"""A scenario file (INI) as JSON, typed by the JSON Schema of scenario keys.

``docs/scenario.schema.json`` is generated from the key table the loader checks against (see
``docs/scenario-reference.md``). This module reads a scenario file the way the loader splits it
into sections and keys, and types each value as the key's schema says, so that the result can
be checked with any JSON Schema validator (Debian's ``python3-jsonschema``) or used by other
tools:

- ``[kind]`` becomes ``{"kind": {...}}``, ``[kind ID]`` ``{"kind": {"ID": {...}}}`` (``[stock
  SYR in TUR]``: ``{"stock": {"SYR in TUR": {...}}}``);
- numbers become JSON numbers, integers integers, ``true``/``yes``/``on``/``1`` (and their
  opposites) booleans, lists arrays (of numbers where the key's items are numbers), everything
  else strings; a value that is not of its key's type stays the string written, so that the
  validator reports it.

>>> from migdip import scenario_json
>>> document = scenario_json.load("scenarios/minimal.ini")         # doctest: +SKIP
>>> document["state"]["TRA"]["exit_enforcement"]                    # doctest: +SKIP
0.2
>>> scenario_json.validate(document)        # jsonschema.ValidationError if not valid  # doctest: +SKIP

From the command line, ``python3 -m migdip.scenario_json SCENARIO.ini [--schema FILE]`` prints
the JSON, or with ``--check`` validates it and prints each problem (exit status 1 if any).
"""

import argparse
import json
import os
import pathlib
import re
import sys

#: The schema: installed beside this module by ``cmake --install``, else the source tree's
#: ``docs/scenario.schema.json``.
DEFAULT_SCHEMA = next(
    (path for path in (pathlib.Path(__file__).resolve().with_name("scenario.schema.json"),
                       pathlib.Path(__file__).resolve().parents[2] / "docs"
                       / "scenario.schema.json")
     if path.is_file()),
    pathlib.Path(__file__).resolve().parents[2] / "docs" / "scenario.schema.json")

_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_INTEGER = re.compile(r"\+?\d+")
_TRUE, _FALSE = {"true", "yes", "on", "1"}, {"false", "no", "off", "0"}


class ScenarioSyntaxError(ValueError):
    """A line that is not a section header, a ``key = value`` or a comment; a section or key
    given twice. The message names the file and line."""


def load_schema(path=DEFAULT_SCHEMA):
    """The JSON Schema of scenario files, as a dict."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _typed(text, schema):
    """``text`` as the value ``schema`` describes, or the text itself when it is not one."""
    if "anyOf" in schema:  # a number or the word `unlimited`: the first option that fits
        for option in schema["anyOf"]:
            value = _typed(text, option)
            if option.get("const", value) == value and not (
                    isinstance(value, str) and option.get("type") not in (None, "string")):
                return value
        return text
    kind = schema.get("type")
    if kind == "number" and _NUMBER.fullmatch(text):
        return float(text)
    if kind == "integer" and _INTEGER.fullmatch(text):
        return int(text)
    if kind == "boolean" and text.lower() in _TRUE | _FALSE:
        return text.lower() in _TRUE
    if kind == "array":
        if not text.strip():
            return []
        return [_typed(item.strip(), schema.get("items", {})) for item in text.split(",")]
    return text


def _key_schema(schema, kind, key):
    """The schema of ``key`` in sections of ``kind``, or {} for an unknown section or key (the
    validator then reports the name)."""
    section = schema.get("properties", {}).get(kind, {})
    if "additionalProperties" in section and "properties" not in section:
        section = section["additionalProperties"]  # [kind ID]: the schema of one section
    if not isinstance(section, dict):
        return {}
    return section.get("properties", {}).get(key, {})


def _is_keyed(schema, kind):
    """Whether sections of ``kind`` have ids (``[state TUR]``) rather than being one of a kind
    (``[scenario]``); an unknown kind is taken as keyed when written with an id."""
    section = schema.get("properties", {}).get(kind)
    return section is not None and "propertyNames" in section


def convert_text(text, schema, name="<scenario>"):
    """The scenario ``text`` (INI) as a JSON-ready dict typed by ``schema``. Raises
    :class:`ScenarioSyntaxError` for what is not INI at all; everything else is left to the
    validator."""
    document = {}
    section = None
    kind = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.split(r"[#;]", raw, maxsplit=1)[0].strip()
        if not line:
            continue
        where = f"{name}:{number}"
        if line.startswith("["):
            if not line.endswith("]"):
                raise ScenarioSyntaxError(f"{where}: section header without ']': {line!r}")
            header = line[1:-1].strip()
            kind, _, identifier = header.partition(" ")
            identifier = identifier.strip()
            if identifier or _is_keyed(schema, kind):
                sections = document.setdefault(kind, {})
                if not isinstance(sections, dict) or identifier in sections:
                    raise ScenarioSyntaxError(f"{where}: section [{header}] given twice")
                section = sections[identifier] = {}
            else:
                if kind in document:
                    raise ScenarioSyntaxError(f"{where}: section [{header}] given twice")
                section = document[kind] = {}
            continue
        key, equals, value = line.partition("=")
        key = key.strip()
        if not equals or not key:
            raise ScenarioSyntaxError(f"{where}: expected 'key = value', got {line!r}")
        if section is None:
            raise ScenarioSyntaxError(f"{where}: key {key!r} before the first section")
        if key in section:
            raise ScenarioSyntaxError(f"{where}: key {key!r} given twice in its section")
        section[key] = _typed(value.strip(), _key_schema(schema, kind, key))
    return document


def load(path, schema=None):
    """The scenario file at ``path`` as a typed dict (see :func:`convert_text`)."""
    schema = schema if schema is not None else load_schema()
    with open(path, encoding="utf-8") as f:
        return convert_text(f.read(), schema, os.fspath(path))


def validate(document, schema=None):
    """Raises ``jsonschema.ValidationError`` (the first problem) when ``document`` does not
    follow the schema; dates are checked as dates (``2015-02-30`` is refused)."""
    import jsonschema  # Debian: python3-jsonschema; only needed to validate

    schema = schema if schema is not None else load_schema()
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is not None:
        raise error


def problems(document, schema=None):
    """Every problem of ``document`` against the schema, as ``"path: message"`` lines."""
    import jsonschema

    schema = schema if schema is not None else load_schema()
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
            for error in sorted(validator.iter_errors(document), key=lambda e: list(map(
                str, e.absolute_path)))]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m migdip.scenario_json",
                                     description="Prints a scenario file as JSON typed by the "
                                                 "scenario schema, or checks it against it.")
    parser.add_argument("scenario", help="scenario file (INI)")
    parser.add_argument("--schema", default=str(DEFAULT_SCHEMA),
                        help="JSON Schema (default: docs/scenario.schema.json)")
    parser.add_argument("--check", action="store_true",
                        help="validate instead of printing; exit status 1 on problems")
    arguments = parser.parse_args(argv)
    schema = load_schema(arguments.schema)
    try:
        document = load(arguments.scenario, schema)
    except (OSError, ScenarioSyntaxError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not arguments.check:
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    found = problems(document, schema)
    for problem in found:
        print(f"{arguments.scenario}: {problem}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
