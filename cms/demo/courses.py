"""Demo courses, two per audience, built from the demo library and ending in
the audience's completion quiz when one exists; called by ``seed_demo`` after
the quizzes. Idempotent: courses and pages are keyed by slug."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, WorkflowContentType

from assessments.models import Quiz
from courses.models import Course, CourseStep
from courses.models.paths import join_audiences
from lms.framework.models import Competency

from .permissions import ensure_editorial_setup

# slug, title, summary, audiences, steps open in order, [(module title, [item slugs])]
COURSES = [
    (
        "dich-vu-cong-tren-dien-thoai",
        "Làm thủ tục hành chính trên điện thoại",
        "Kích hoạt VNeID mức 2 rồi tự nộp hồ sơ trên Cổng dịch vụ công, từng bước một.",
        ["resident"],
        True,
        [
            ("Tài khoản định danh", ["huong-dan-kich-hoat-vneid-muc-2"]),
            ("Nộp hồ sơ trực tuyến", ["nop-ho-so-tren-cong-dich-vu-cong-quoc-gia"]),
        ],
    ),
    (
        "an-toan-tien-va-thong-tin",
        "Giữ an toàn cho tiền và thông tin của bạn",
        "Nhận biết cuộc gọi, tin nhắn lừa đảo và thanh toán bằng mã QR an toàn.",
        ["resident"],
        False,
        [
            ("Nhận biết lừa đảo", ["nhan-biet-cuoc-goi-lua-dao", "tin-nhan-la-duong-link-la"]),
            ("Thanh toán an toàn", ["thanh-toan-ma-qr-an-toan", "dung-zalo-an-toan"]),
        ],
    ),
    (
        "hoc-truc-tuyen-an-toan",
        "Học trực tuyến an toàn và trung thực",
        "Học trực tuyến hiệu quả, dùng mạng xã hội an toàn và dùng AI để học chứ không chép bài.",
        ["student"],
        True,
        [
            ("Học trực tuyến", ["hoc-truc-tuyen-hieu-qua", "dung-ai-de-hoc-khong-de-chep-bai"]),
            ("Mạng xã hội", ["mang-xa-hoi-an-toan-cho-hoc-sinh"]),
        ],
    ),
    (
        "bao-ve-tai-khoan-cua-em",
        "Bảo vệ tài khoản và thông tin của em",
        "Mật khẩu mạnh, xác thực hai bước và kiểm tra thông tin trước khi chia sẻ.",
        ["student"],
        False,
        [
            (
                "Tài khoản an toàn",
                ["mat-khau-manh-va-xac-thuc-hai-buoc", "kiem-tra-thong-tin-truoc-khi-chia-se"],
            ),
        ],
    ),
    (
        "van-ban-dien-tu-va-ky-so",
        "Văn bản điện tử và ký số trong công vụ",
        "Xử lý văn bản điện tử, ký số từ xa trên điện thoại và nhận biết thư điện tử lừa đảo.",
        ["official"],
        True,
        [
            (
                "Văn bản và chữ ký số",
                ["van-ban-dien-tu-va-chu-ky-so", "ky-so-tu-xa-tren-dien-thoai"],
            ),
            ("An toàn thông tin", ["phat-hien-thu-dien-tu-lua-dao"]),
        ],
    ),
    (
        "ai-trong-cong-vu",
        "Dùng trí tuệ nhân tạo có trách nhiệm trong công vụ",
        "Dùng AI hỗ trợ soạn thảo, họp trực tuyến chuyên nghiệp, giữ bí mật nhà nước.",
        ["official"],
        False,
        [
            (
                "AI và họp trực tuyến",
                ["dung-ai-ho-tro-soan-thao-van-ban", "hop-truc-tuyen-chuyen-nghiep"],
            )
        ],
    ),
    (
        "cong-cu-so-noi-lam-viec",
        "Công cụ số ở nơi làm việc",
        "Sổ tay công cụ số, họp trực tuyến và bảo vệ dữ liệu khách hàng.",
        ["worker"],
        True,
        [
            ("Công cụ số", ["so-tay-cong-cu-so-tai-noi-lam-viec", "hop-truc-tuyen-chuyen-nghiep"]),
            ("Dữ liệu khách hàng", ["bao-ve-du-lieu-khach-hang"]),
        ],
    ),
    (
        "ban-hang-tren-mang-an-toan",
        "Bán hàng trên mạng an toàn",
        "Mở gian hàng trực tuyến, nhận thanh toán QR và tránh các kiểu lừa đảo nhắm vào người bán.",
        ["worker"],
        False,
        [
            (
                "Bán hàng trực tuyến",
                ["ban-hang-truc-tuyen-cho-tieu-thuong", "thanh-toan-ma-qr-an-toan"],
            ),
            ("Phòng lừa đảo", ["phat-hien-thu-dien-tu-lua-dao", "nhan-biet-cuoc-goi-lua-dao"]),
        ],
    ),
]


def ensure_course_index(home):
    from cms.models import CourseIndexPage

    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(
            title="Khóa học",
            slug="khoa-hoc",
            intro="<p>Lộ trình học từng bước qua thư viện, kết thúc bằng bài kiểm tra.</p>",
            search_description="Khóa học kỹ năng số cơ bản cho người dân, học sinh, cán bộ "
            "và người lao động.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def ensure_course_moderation(course_index) -> None:
    """Course pages and the Course snippet go through the library's workflow."""
    workflow = ensure_editorial_setup(course_index)
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Course), defaults={"workflow": workflow}
    )


def publish_course_page(index, course, title=None):
    from cms.models import CoursePage

    page = CoursePage.objects.filter(course=course).first()
    if page is None:
        page = CoursePage(title=title or course.title, slug=course.slug, course=course)
        index.add_child(instance=page)
        page.save_revision().publish()
    return page


@transaction.atomic
def build_course(slug, title, summary, audiences, sequential, modules, final_quiz=None):
    course = Course.objects.filter(slug=slug).first()
    if course is not None:
        return course, False
    pages = {
        page.slug: page
        for page in Page.objects.filter(slug__in=[s for _m, slugs in modules for s in slugs])
    }
    course = Course.objects.create(
        title=title,
        slug=slug,
        summary=summary,
        audience_codes=join_audiences(audiences),
        sequential=sequential,
    )
    order = 0
    competency_ids = set()
    for module_title, slugs in modules:
        for position, item_slug in enumerate(slugs):
            page = pages.get(item_slug)
            if page is None:
                continue
            CourseStep.objects.create(
                course=course,
                page=page,
                module_title=module_title if position == 0 else "",
                sort_order=order,
            )
            competency_ids.update(
                page.specific.competency_links.values_list("competency_id", flat=True)
            )
            order += 1
    if final_quiz is not None:
        CourseStep.objects.create(
            course=course, quiz=final_quiz, module_title="Bài kiểm tra", sort_order=order
        )
    course.competencies.set(Competency.objects.filter(pk__in=competency_ids))
    course.save_revision().publish()
    return course, True


def seed(stdout=None) -> None:
    from cms.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        return
    index = ensure_course_index(home)
    ensure_course_moderation(index)
    created = 0
    for slug, title, summary, audiences, sequential, modules in COURSES:
        quiz = (
            Quiz.objects.filter(
                audience=audiences[0], is_published=True, counts_for_certificate=True
            )
            .order_by("pk")
            .first()
            if sequential
            else None
        )
        course, is_new = build_course(slug, title, summary, audiences, sequential, modules, quiz)
        publish_course_page(index, course)
        created += is_new
    if stdout is not None:
        stdout.write(f"Courses: {created} new demo courses under {index.url}")
