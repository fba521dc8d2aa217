"""The editors' screens of the Wagtail admin are in Vietnamese: none of the
English strings below (collected by rendering these screens in Vietnamese and
listing what Wagtail's own catalogue leaves untranslated) may appear."""

import os
import re

import pytest
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import Page

from cms.demo.permissions import ensure_editorial_setup
from lms.accounts.roles import Role

pytestmark = pytest.mark.django_db

# Visible English chrome seen on these screens before our catalogue completed it.
ENGLISH = [
    # From the issue
    "Site summary",
    "Page title*",
    "Save draft",
    "Request changes",
    "Add child page",
    # Found on these screens (COLLECT_ENGLISH=path pytest -k collect lists candidates)
    "A network error occurred",
    "Actions (footer)",
    "Add a concise description for search engines",
    "Add an image",
    "Add documents",
    "Add images",
    "Add or show comments",
    "Add selected documents to collection",
    "Add selected images to collection",
    "Add tags to the selected documents",
    "Add tags to the selected images",
    "Add to collection",
    "Aging pages",
    "All %(objects)s documents on this screen selected",
    "All %(objects)s images on this screen selected",
    "All %(objects)s items on this screen selected",
    "All %(objects)s pages on this screen selected",
    "All %(objects)s snippets on this screen selected",
    "All %(objects)s users on this screen selected",
    "All documents in listing selected",
    "All images in listing selected",
    "All items in listing selected",
    "All keyboard shortcuts",
    "All pages in listing selected",
    "All snippets in listing selected",
    "All users in listing selected",
    "Any",
    "Anyone with editing permissions can create schedules",
    "Application",
    "Approve",
    "Approve and publish",
    "Autosave is paused",
    "Avoid skipping levels",
    "Awaiting your review",
    "Back",
    "Bold",
    "Bulk actions",
    "But only those with publishing permissions can make them effective.",
    "Button text is empty",
    "Change image file:",
    "Change privacy",
    "Checks",
    "Choose another page",
    "Choose when this page should go live and/or expire",
    "Choose who can view the live version of this page",
    "Clear choice",
    "Close dialog",
    "Close modal dialogs (like this one)",
    "Comment notifications",
    "Comments",
    "Content",
    "Content metrics",
    "Correct the validation errors to resume preview (saving will highlight errors)",
    "Current page status:",
    "Cut",
    "Dashboard",
    "Date updated",
    "Delete selected documents",
    "Delete selected images",
    "Delete selected pages",
    "Document updated.",
    "Documents",
    "Drag",
    "Drag and drop documents into this area to upload immediately.",
    "Drag and drop images into this area to upload immediately.",
    "Edit account avatar",
    "Edit this image",
    "Edit this page",
    "Edited by",
    "Editor Guide",
    "Empty frame title found",
    "Empty heading found",
    "File size: (high to low)",
    "File size: (low to high)",
    "Filesize",
    "Filter by",
    "First published",
    "Focal point",
    "For search engines",
    "For site menus",
    "Grid layout",
    "Has child pages",
    "Help",
    "How we calculate our metrics",
    "Image alt text has inappropriate pattern",
    "Image updated.",
    "Images",
    "In Moderation",
    "Incorrect heading hierarchy",
    "Input button text is empty",
    "Insert or edit a link",
    "Issues found",
    "Italic",
    "Keyboard shortcut",
    "Keyboard shortcuts",
    "Link text is empty",
    "List layout",
    "Live",
    "Loading",
    "Locked pages",
    "Max dimensions",
    "Maximum",
    "Meta description is empty",
    "Minimap",
    "Minimum",
    "Misusing paragraphs as headings",
    "Monospace (code)",
    "More actions",
    "Move",
    "Move selected pages",
    "No publishing schedule set",
    "Not visible to the public",
    "Oldest",
    "Once live anyone can view",
    "Or choose from your computer",
    "Owner",
    "Page title",
    "Page type",
    "Page types usage",
    "Pagination",
    "Paste",
    "Paste without formatting",
    "Please provide an image description to comply with best practices for accessibility.",
    "Preview in desktop size",
    "Preview in mobile size",
    "Preview in new tab",
    "Preview in tablet size",
    "Preview is out of date",
    "Privacy and access",
    "Privacy changes apply to all children of this page too.",
    "Private. Visit the live page",
    "Promote",
    "Publish",
    "Publish selected pages",
    "Readability",
    "Reading time",
    "Redo",
    "Remove focal area",
    "Report this error to your website administrator with the following information:",
    "Reports",
    "Save changes",
    "Save schedule",
    "Save your changes before leaving",
    "Saved",
    "Schedule to publish",
    "Search all pages…",
    "Search…",
    "Section",
    "See full history",
    "Select",
    "Select row",
    "Set publishing schedule",
    "Set schedule",
    "Shortcuts",
    "Show filters",
    "Show issue",
    "Show keyboard shortcuts",
    "Side panel width",
    "Side panels",
    "Sidebar",
    "Site history",
    "Skip to main content",
    "Sorry, upload failed.",
    "Sort by",
    "Sort menu order",
    "Strike-through",
    "Submit for moderation",
    "Subscript",
    "Superscript",
    "Table header text is empty",
    "Task started",
    "Task submitted by",
    "Tasks",
    "Text editing",
    "Text formatting",
    "The descriptive text displayed underneath a headline in search engine results.",
    "The name of the page as it will appear in URLs e.g http://domain.com/blog/[my-slug]/",
    "The name of the page displayed on search engine results as the clickable headline.",
    "This data explained",
    'This publishing schedule will only take effect after you select the "Schedule to publish" option',
    "To define this image's most important region, drag a box over the image above.",
    "Toggle breadcrumbs",
    "Toggle checks",
    "Toggle comments",
    "Toggle minimap",
    "Toggle preview",
    "Toggle section",
    "Toggle side panel",
    "Toggle sidebar",
    "Toggle status",
    "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version.",
    "Unpublish selected pages",
    "Updated",
    "Upload successful. However, your new image seems to be a duplicate of this existing image. You may delete it if it wasn't required.",
    "Upload successful. Please update this document with a more appropriate title, if necessary. You may also delete the document completely if the upload wasn't required.",
    "Upload successful. Please update this image with a more appropriate title, if necessary. You may also delete the image completely if the upload wasn't required.",
    "Usage",
    "Usage count",
    "Usage count: (high to low)",
    "Usage count: (low to high)",
    "Use a meaningful title for screen reader users",
    "Use meaningful text",
    "Use meaningful text for screen reader users",
    "Use proper heading tags",
    "View details",
    "View draft",
    "View history",
    "View latest version",
    "Visible to all",
    "Visible to all. Visit the live page",
    "Visit the live page",
    "We calculate reading time from word count, using different reading speeds for different languages.",
    "We extract the main content from the page preview, remove all formatting, and calculate the number of words.",
    "We use a readability formula based on length of words and sentences. Long sentences and words result in a worse readability score.",
    "Whether a link to this page will appear in automatically generated menus",
    "Words",
    "Workflow tasks",
    "Workflows",
    # Found on the course, workflow, search and per-type screens (issue 15's leftovers)
    "%(objects)s documents selected",
    "%(objects)s images selected",
    "%(objects)s items selected",
    "%(objects)s pages selected",
    "%(objects)s snippets selected",
    "%(objects)s users selected",
    "1 document selected",
    "1 item selected",
    "1 snippet selected",
    "1 user selected",
    "(optional)",
    "Awaiting my review",
    "Bulleted list",
    "Numbered list",
    "Heading 3",
    "Link",
    "By task",
    "By workflow",
    "Choose another document",
    "Choose which type of page you'd like to create.",
    "Create a page in",
    "Page types",
    "Completed at",
    "Started at",
    "Requested by",
    "Incomplete task",
    "Is commenting action",
    "Live version",
    "Needs changes",
    "Rejected",
    "Skipped",
    "Other searches",
    "Page/Snippet",
    "Task",
    "Workflow",
    "Workflow history",
    "Delete selected snippets",
]


KINDS = {
    "guide": "guidepage",
    "video": "videopage",
    "infographic": "infographicpage",
    "lesson": "lessonpage",
    "document": "documentpage",
}


def _course(library, item):
    """A published course of one step, its catalogue page, and its moderation."""
    from cms.demo.courses import ensure_course_index, ensure_course_moderation, publish_course_page
    from courses.models import Course, CourseStep

    index = ensure_course_index(library["home"])
    ensure_course_moderation(index)
    course = Course.objects.create(title="Khóa học thử", slug="khoa-hoc-thu", summary="Tóm tắt.")
    CourseStep.objects.create(course=course, page=item, sort_order=0)
    return index, course, publish_course_page(index, course)


def screens(library, make_item):
    shelf = library["shelves"]["resident"]
    item = make_item("Hướng dẫn thử nghiệm")
    index, course, course_page = _course(library, item)
    urls = {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=(shelf.pk,)),
        "explorer_root": reverse("wagtailadmin_explore", args=(library["root"].pk,)),
        "search": reverse("wagtailadmin_pages:search") + "?q=h%C6%B0%E1%BB%9Bng",
        "add_choose_type": reverse("wagtailadmin_pages:add_subpage", args=(shelf.pk,)),
        "edit": reverse("wagtailadmin_pages:edit", args=(item.pk,)),
        "history": reverse("wagtailadmin_pages:history", args=(item.pk,)),
        "images": reverse("wagtailimages:index"),
        "image_add": reverse("wagtailimages:add_multiple"),
        "image_edit": reverse("wagtailimages:edit", args=(Image.objects.first().pk,)),
        "documents": reverse("wagtaildocs:index"),
        "document_add": reverse("wagtaildocs:add_multiple"),
        "courses": reverse("wagtailsnippets_courses_course:list"),
        "course_add": reverse("wagtailsnippets_courses_course:add"),
        "course_edit": reverse("wagtailsnippets_courses_course:edit", args=(course.pk,)),
        "course_page_add": reverse("wagtailadmin_pages:add", args=("cms", "coursepage", index.pk)),
        "course_page_edit": reverse("wagtailadmin_pages:edit", args=(course_page.pk,)),
    }
    for kind, model in KINDS.items():
        urls[f"add_{kind}"] = reverse("wagtailadmin_pages:add", args=("cms", model, shelf.pk))
        if kind != "guide":
            other = make_item(f"Mục {kind}", kind=kind)
            urls[f"edit_{kind}"] = reverse("wagtailadmin_pages:edit", args=(other.pk,))
    return urls


def _visible_strings(html: str) -> set[str]:
    """Text between tags, and the values of attributes and JSON strings."""
    found = {" ".join(t.split()) for t in re.findall(r">([^<>]+)<", html)}
    found |= set(re.findall(r'"([^"<>{}]{3,120})"', html))
    found |= set(re.findall(r'(?:aria-label|title|placeholder)="([^"]+)"', html))
    return {s.strip() for s in found if s.strip()}


def _pages_in_moderation(client, library, make_user):
    """A page waiting for review, opened by a reviewer: approve / request changes."""
    from tests.cms.test_library_workflow import guide_form

    shelf = library["shelves"]["resident"]
    client.force_login(make_user(Role.EDITOR))
    add_url = reverse("wagtailadmin_pages:add", args=("cms", "guidepage", shelf.pk))
    client.post(add_url, guide_form("Chờ duyệt", "cho-duyet", **{"action-submit": "submit"}))
    return Page.objects.get(slug="cho-duyet")


@pytest.fixture
def rendered(client, library, make_item, make_user):
    ensure_editorial_setup(library["root"])
    urls = screens(library, make_item)
    waiting = _pages_in_moderation(client, library, make_user)
    pages = {}
    client.force_login(make_user(Role.EDITOR))
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        pages[name] = response.content.decode()
    client.force_login(make_user(Role.REVIEWER))
    for name, url in {
        "review_dashboard": reverse("wagtailadmin_home"),
        "review_edit": reverse("wagtailadmin_pages:edit", args=(waiting.pk,)),
        "review_history": reverse("wagtailadmin_pages:workflow_history", args=(waiting.pk,)),
        "review_pending": reverse("wagtailadmin_reports:workflow"),
        "review_tasks": reverse("wagtailadmin_reports:workflow_tasks"),
    }.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        pages[name] = response.content.decode()
    return pages


# Among them the admin's page search and the edit screens' usage counts.
@pytest.mark.search_index
@pytest.mark.reference_index
def test_editor_screens_are_in_vietnamese(rendered):
    """One crawl (the screens cost half a minute to render) for three checks: no
    known English string on any screen; the header's actions landmark, which
    Wagtail's template hard-codes as aria-label="Actions", and the dashboard's
    screen-reader search button, hard-coded value="Search", named by our copies."""
    visible = {name: _visible_strings(html) for name, html in rendered.items()}
    leftovers = {
        name: [text for text in ENGLISH if text in strings] for name, strings in visible.items()
    }
    assert {name: found for name, found in leftovers.items() if found} == {}

    named = {name for name, html in rendered.items() if 'id="w-slim-header-buttons"' in html}
    assert named, "no screen has the header's actions"
    for name in named:
        assert 'aria-label="Actions"' not in rendered[name], name
        assert 'aria-label="Thao tác" id="w-slim-header-buttons"' in rendered[name], name

    searching = {name for name, html in rendered.items() if 'class="submit w-sr-only"' in html}
    assert {"dashboard"} < searching, searching
    for name in searching:
        assert 'value="Search"' not in rendered[name], name
        assert '<input type="submit" value="Tìm kiếm" class="button" />' in rendered[name], name


@pytest.mark.skipif(not os.environ.get("COLLECT_ENGLISH"), reason="tool to refresh ENGLISH")
@pytest.mark.search_index
@pytest.mark.reference_index
def test_collect_untranslated(rendered):
    from pathlib import Path

    import wagtail
    from babel.messages.pofile import read_po

    base = Path(wagtail.__file__).parent
    english = set()
    for po in base.glob("**/locale/en/LC_MESSAGES/django*.po"):
        with po.open("rb") as handle:
            english |= {m.id for m in read_po(handle) if isinstance(m.id, str) and m.id}
    seen = {}
    for name, html in rendered.items():
        for text in _visible_strings(html) & english:
            seen.setdefault(text, []).append(name)
    # One line per candidate with the screens showing it, to check by eye.
    lines = [f"{text}\t{' '.join(names)}" for text, names in sorted(seen.items())]
    Path(os.environ["COLLECT_ENGLISH"]).write_text("\n".join(lines))
    if os.environ.get("COLLECT_HTML"):  # a folder: each screen's HTML, for the context
        folder = Path(os.environ["COLLECT_HTML"])
        folder.mkdir(parents=True, exist_ok=True)
        for name, html in rendered.items():
            (folder / f"{name}.html").write_text(html)


def test_the_page_choosers_search_button_is_named_in_vietnamese(client, library, make_user):
    """The page chooser draws Wagtail's shared header (with its search) in a modal."""
    client.force_login(make_user(Role.EDITOR))
    for url in (reverse("wagtailadmin_choose_page"),):
        html = client.get(url).json()["html"]
        assert 'class="submit w-sr-only"' in html, url
        assert 'value="Search"' not in html, url
        assert 'value="Tìm kiếm"' in html, url


# Our copies of Wagtail templates differ from Wagtail's only by these
# replacements (and a first comment line): after a Wagtail upgrade this fails
# until the copy is taken again from the new release.
OVERRIDES = {
    "home.html": [
        (
            '<input type="submit" value="Search" class="button" />',
            '<input type="submit" value="{% translate "Search" %}" class="button" />',
        )
    ],
    "shared/header.html": [
        (
            '<input type="submit" value="Search" class="button" />',
            '<input type="submit" value="{% translate "Search" %}" class="button" />',
        )
    ],
    "shared/headers/_actions.html": [
        ('<nav aria-label="Actions"', '<nav aria-label="{% translate "Actions" %}"')
    ],
}


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_our_wagtail_template_copies_follow_the_installed_release(name):
    from pathlib import Path

    import wagtail
    from django.conf import settings

    upstream = (Path(wagtail.__file__).parent / "admin/templates/wagtailadmin" / name).read_text()
    ours = (Path(settings.BASE_DIR) / "lms/templates/wagtailadmin" / name).read_text()
    first, rest = ours.split("\n", 1)
    assert first.startswith("{") and "Wagtail" in first
    expected = upstream
    for old, new in OVERRIDES[name]:
        assert old in expected, f"Wagtail no longer has {old!r} in {name}"
        expected = expected.replace(old, new)
    assert rest == expected
