"""Demo content for the library, called by `seed_demo`. Idempotent: pages are
keyed by slug, images and documents by title, so a second run creates nothing."""

from django.db import transaction
from wagtail.models import Page, Site

from cms.models import AudienceIndexPage, HomePage, LibraryRootPage

from .items import ensure_items
from .permissions import ensure_editorial_setup

HOME_INTRO = (
    "<p>Học vụ số là nơi mọi người dân, học sinh, người lao động và cán bộ học các kỹ năng "
    "số cơ bản: dùng điện thoại thông minh, làm thủ tục trên Cổng dịch vụ công, thanh toán "
    "không dùng tiền mặt an toàn, nhận biết lừa đảo trên mạng và dùng trí tuệ nhân tạo. "
    "Bài học ngắn, dễ làm theo, có bài kiểm tra và giấy chứng nhận hoàn thành.</p>"
)
LIBRARY_INTRO = (
    "<p>Hướng dẫn nhanh, video, infographic, bài học tương tác và tài liệu: chọn nhóm của "
    "bạn hoặc gõ điều bạn cần tìm, có dấu hay không dấu đều được.</p>"
)


@transaction.atomic
def ensure_home_page() -> HomePage:
    """The site's root is our HomePage; Wagtail's placeholder welcome page goes."""
    home = HomePage.objects.first()
    root = Page.get_first_root_node()
    if home is None:
        home = HomePage(
            title="Học vụ số",
            slug="trang-chu",
            headline="Bình dân học vụ số: không ai bị bỏ lại phía sau",
            intro=HOME_INTRO,
            seo_title="Học vụ số: kỹ năng số cho mọi người",
            search_description="Kỹ năng số cơ bản cho mọi người dân: bài học ngắn, video, "
            "bài kiểm tra và giấy chứng nhận.",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="Học vụ số"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Học vụ số"
        site.save()
    for placeholder in Page.objects.filter(depth=2).exclude(pk=home.pk).exact_type(Page):
        placeholder.delete()
    return home


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def ensure_library(home: HomePage) -> tuple[LibraryRootPage, dict[str, AudienceIndexPage]]:
    from .content import SHELVES

    library = LibraryRootPage.objects.filter(slug="thu-vien").first()
    if library is None:
        library = _publish_child(
            home,
            LibraryRootPage(
                title="Thư viện học liệu số",
                slug="thu-vien",
                intro=LIBRARY_INTRO,
                search_description="Thư viện kỹ năng số cơ bản cho người dân, học sinh, cán bộ "
                "và người lao động.",
            ),
        )
    shelves = {}
    for audience, slug, title, intro in SHELVES:
        shelf = AudienceIndexPage.objects.filter(audience=audience).first()
        if shelf is None:
            shelf = _publish_child(
                library,
                AudienceIndexPage(
                    title=title,
                    slug=slug,
                    audience=audience,
                    intro=f"<p>{intro}</p>",
                    search_description=intro,
                ),
            )
        shelves[audience] = shelf
    return library, shelves


def seed(stdout=None) -> None:
    home = ensure_home_page()
    library, shelves = ensure_library(home)
    created = ensure_items(shelves)
    ensure_editorial_setup(library)
    if stdout is not None:
        stdout.write(f"Library: {created} new items under {library.url}")
