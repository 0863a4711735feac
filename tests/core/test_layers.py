"""Layers are true, not only for imports: no relation from a lower app to a higher one."""

from __future__ import annotations

import tomllib
from pathlib import Path

from django.apps import apps as registry
from django.contrib.auth import get_user_model

ROOT = Path(__file__).resolve().parents[2]


def _layers() -> dict[str, int]:
    """Each app's height in the "Apps depend downward only" contract (0 is the top)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (contract,) = [
        c
        for c in config["tool"]["importlinter"]["contracts"]
        if c["name"] == "Apps depend downward only"
    ]
    heights: dict[str, int] = {}
    for height, layer in enumerate(contract["layers"]):
        for module in layer.split("|"):
            heights[module.strip().removeprefix("heard.")] = height
    return heights


def test_no_model_points_up_to_a_higher_app():
    heights = _layers()
    upward = []
    for model in registry.get_models():
        label = model._meta.app_label
        if label not in heights:
            continue
        for field in model._meta.get_fields():
            if not field.is_relation or not field.concrete or field.related_model is None:
                continue
            if field.related_model is get_user_model():
                continue  # settings.AUTH_USER_MODEL: swappable, so core may name it (ADR 0001)
            target = field.related_model._meta.app_label
            if target in heights and heights[target] < heights[label]:
                upward.append(
                    f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"
                )
    assert upward == [], "Relations from a lower app to a higher one: " + ", ".join(upward)


def test_every_app_has_a_layer():
    heights = _layers()
    ours = {
        config.label for config in registry.get_app_configs() if config.name.startswith("heard.")
    }
    assert ours <= set(heights), ours - set(heights)
