"""Library pages for `make bench`, as seeded by `manage.py seed_demo`."""


def scenarios() -> list[tuple[str, str]]:
    return [
        ("library root", "/thu-vien/"),
        ("library audience list", "/thu-vien/nguoi-dan/"),
        ("library item page", "/thu-vien/nguoi-dan/huong-dan-kich-hoat-vneid-muc-2/"),
    ]
