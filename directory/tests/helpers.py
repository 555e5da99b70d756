from __future__ import annotations

import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_text(name: str = "another_publisher.json") -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def fixture(name: str = "another_publisher.json") -> dict:
    return json.loads(fixture_text(name))


def upload(content: str | bytes, name: str = "directory.json") -> SimpleUploadedFile:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="application/json")
