"""The live classroom: PIN guessing limits, names, timing, message sizes."""

from .environment import env

# --- Live classroom ---------------------------------------------------------------
# How many phones one classroom session takes; also sizes the channel layer (services.py).
LIVE_MAX_PARTICIPANTS = env.int("LIVE_MAX_PARTICIPANTS", default=1000)
# Wrong PINs and rejoin codes one address may type per window before it must wait;
# right PINs never count. Far above what a hall of 300 phones mistypes (see
# assessments/live/guessing.py); a guesser gets ~0.07 % of the PIN space per window.
LIVE_PIN_FAILURE_LIMIT = env.int("LIVE_PIN_FAILURE_LIMIT", default=600)
LIVE_PIN_FAILURE_WINDOW = env.int("LIVE_PIN_FAILURE_WINDOW_SECONDS", default=600)
# Wrong rejoin codes against one session (from any address) before its rejoining pauses.
LIVE_REJOIN_FAILURE_LIMIT = env.int("LIVE_REJOIN_FAILURE_LIMIT", default=30)
LIVE_NAME_MAX_LENGTH = env.int("LIVE_NAME_MAX_LENGTH", default=40)
LIVE_MAX_QUESTIONS = env.int("LIVE_MAX_QUESTIONS", default=100)
# Network slack after a question's time is up (the phone sent in time, the packet was slow).
LIVE_ANSWER_GRACE_MS = env.int("LIVE_ANSWER_GRACE_MS", default=1000)
# With "advance automatically", how long the answer and top five stay on screen.
LIVE_REVEAL_SECONDS = env.int("LIVE_REVEAL_SECONDS", default=8)
LIVE_MAX_MESSAGE_BYTES = 4096
# Answer-count updates a screen gets per question at most from answers sent over
# HTTP (one per answer in a class smaller than this; the reveal carries the exact count).
LIVE_COUNT_UPDATES = env.int("LIVE_COUNT_UPDATES", default=50)
# Answers over the WebSocket: at most one count message per question in this many
# milliseconds per server process, the highest count last (assessments/live/countrelay.py).
LIVE_COUNT_INTERVAL_MS = env.int("LIVE_COUNT_INTERVAL_MS", default=250)
# Display names containing these words are refused (see assessments/live/names.py for
# how marks and spacing are matched). Replace the list with LIVE_BLOCKED_NAME_WORDS.
LIVE_BLOCKED_NAME_WORDS = env.list(
    "LIVE_BLOCKED_NAME_WORDS",
    default=[
        "địt", "đụ", "đù má", "lồn", "buồi", "cặc", "đéo", "đĩ", "cave", "đm", "đmm", "đcm",
        "dm", "dmm", "dcm", "vcl", "vkl", "vl", "clgt", "cmm", "cc", "dit me", "dit mia",
        "du ma", "djt", "đờ mờ", "óc chó", "mẹ mày", "con mẹ mày", "thằng chó", "con chó",
        "súc vật", "fuck", "shit", "bitch", "porn",
    ],
)  # fmt: skip
