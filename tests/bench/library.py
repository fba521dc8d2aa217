"""Library pages for `make bench`, as seeded by `manage.py seed_demo`. The load
client sends no cookies, so the shelf, item and search pages are anonymous page-cache hits
(answered before sessions, auth and CSRF: cms/middleware.py)."""


def scenarios() -> list[tuple[str, str]]:
    return [
        ("library root (page-cache hit)", "/thu-vien/"),
        ("library audience list (page-cache hit)", "/thu-vien/nguoi-dan/"),
        (
            "library item page (page-cache hit)",
            "/thu-vien/nguoi-dan/huong-dan-kich-hoat-vneid-muc-2/",
        ),
        ("library search ?q=dich+vu+cong (page-cache hit)", "/search/?q=dich+vu+cong"),
    ]
