"""Exports: questions (GIFT, XLSX) and quiz results (CSV, XLSX)."""
