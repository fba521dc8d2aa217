"""Demo content for the library, called by `seed_demo` (idempotent)."""

from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage

HOME_INTRO = (
    "<p>Học vụ số là nơi mọi người dân, học sinh, người lao động và cán bộ học các kỹ năng "
    "số cơ bản: dùng điện thoại thông minh, làm thủ tục trên Cổng dịch vụ công, thanh toán "
    "không dùng tiền mặt an toàn, nhận biết lừa đảo trên mạng và dùng trí tuệ nhân tạo. "
    "Bài học ngắn, dễ làm theo, có bài kiểm tra và giấy chứng nhận hoàn thành.</p>"
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
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True,
                            site_name="Học vụ số")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Học vụ số"
        site.save()
    for placeholder in Page.objects.filter(depth=2).exclude(pk=home.pk).type(Page).exact_type(Page):
        placeholder.delete()
    return home


def seed(stdout=None) -> None:
    ensure_home_page()
