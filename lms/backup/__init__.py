"""Backups that restore: one encrypted file holding the database (pg_dump or
SQLite's online backup), media, private files and the certificate signing key,
with a manifest of SHA-256 sums. See README ("Sao lưu và khôi phục")."""
