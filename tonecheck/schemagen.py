"""JSON Schemas for config files and rule files, generated from the models that validate
them (:class:`tonecheck.configfile.SettingsFile`, each rule kind's spec model), and shipped
in ``tonecheck/schemas/`` for editors (``# yaml-language-server: $schema=...``).

``python -m tonecheck.schemagen`` rewrites the shipped files; a test keeps them in sync.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import BaseModel, ConfigDict, Field, create_model

#: Schema name -> shipped file name.
SCHEMAS = {"config": "config.schema.json", "rules": "rules.schema.json"}


def config_schema() -> dict[str, Any]:
    from .configfile import SettingsFile

    schema = SettingsFile.model_json_schema(by_alias=True)
    return _finish(schema, "config", "tonecheck configuration (.tonecheck.yaml)")


def rules_schema() -> dict[str, Any]:
    from .kinds import KINDS

    specs = tuple(kind.spec_model for kind in KINDS.values())
    rule = Annotated[Union[specs], Field(discriminator="kind")]  # type: ignore[valid-type]  # noqa: UP007
    pack: type[BaseModel] = create_model(
        "RulePack",
        __config__=ConfigDict(extra="forbid", title="tonecheck rule pack"),
        pack=(str | None, Field(default=None, description="The pack's name.")),
        description=(str | None, Field(default=None, description="What the pack checks.")),
        categories=(
            list[str],
            Field(
                default_factory=list,
                description="Categories this pack adds to the built-in ones (kebab-case).",
            ),
        ),
        rules=(list[rule], Field(description="The rules, each with its kind's keys.")),
    )
    return _finish(pack.model_json_schema(), "rules", "tonecheck rule pack (rules/*.yaml)")


def _finish(schema: dict[str, Any], name: str, title: str) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": title,
    }


def schema_text(name: str) -> str:
    """The shipped schema ``name`` ("config" or "rules") as text."""
    shipped = Path(str(resources.files("tonecheck"))) / "schemas" / SCHEMAS[name]
    return shipped.read_text(encoding="utf-8")


def generate(name: str) -> str:
    data = config_schema() if name == "config" else rules_schema()
    return json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def main() -> None:
    out = Path(__file__).resolve().parent / "schemas"
    out.mkdir(exist_ok=True)
    for name, file in SCHEMAS.items():
        (out / file).write_text(generate(name), encoding="utf-8")
        print(f"wrote {out / file}")


if __name__ == "__main__":
    main()
