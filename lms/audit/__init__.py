"""The audit trail: who did what to what, written by every action that matters."""
