"""Encrypt the free text that was plain: a peer's pronouns and gender in their own words, a peer supporter's lived
experience and availability. Existing rows are encrypted in place (and decrypted again on the way back).
"""

import json

from django.db import migrations

import encryption.fields

# (table, column, holds JSON)
COLUMNS = [
    ("people_peer", "pronouns", False),
    ("people_peer", "gender_in_own_words", False),
    ("people_peersupporter", "availability", False),
    ("people_peersupporter", "lived_experience", True),
]
EMPTY_JSON = ("[]", "{}", "null", '""')


def _rows(cursor, quote, table, column):
    cursor.execute(
        f"SELECT id, {quote(column)} FROM {quote(table)} WHERE {quote(column)} IS NOT NULL AND {quote(column)} <> ''"
    )
    return cursor.fetchall()


def _is_token(value: str) -> bool:
    try:
        encryption.fields.decrypt(value)
    except Exception:  # noqa: BLE001 (anything that does not decrypt is plain text)
        return False
    return True


def encrypt_existing(apps, schema_editor):
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column, is_json in COLUMNS:
            for row_id, value in _rows(cursor, quote, table, column):
                if _is_token(value):
                    continue
                if is_json:
                    value = "" if value.strip() in EMPTY_JSON else json.dumps(json.loads(value))
                stored = encryption.fields.encrypt(value) if value else ""
                cursor.execute(f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s", [stored, row_id])


def decrypt_existing(apps, schema_editor):
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column, is_json in COLUMNS:
            if is_json:
                cursor.execute(f"UPDATE {quote(table)} SET {quote(column)} = '[]' WHERE {quote(column)} = ''")
            for row_id, value in _rows(cursor, quote, table, column):
                if _is_token(value):
                    plain = encryption.fields.decrypt(value)
                    cursor.execute(f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s", [plain, row_id])


class Migration(migrations.Migration):
    # Its own migration (and transaction): on PostgreSQL a table cannot be altered in the same
    # transaction as rows of it were updated.
    dependencies = [("people", "0003_encrypt_free_text")]

    operations = [migrations.RunPython(encrypt_existing, decrypt_existing)]
