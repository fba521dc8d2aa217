"""Wagtail 8 autosaves the "new page" form: its first background save creates
the page as a draft and the script then turns the form into that draft's edit
form. When that switch does not happen (the script stopped, a reload, a second
tab), sending the form creates the page again and fails on "slug already in
use": the editor cannot finish what they started.

So the pages an editor's autosave created are remembered in their session, and
a new-page form sent for the same place and slug continues that draft: the
request is handed to the draft's edit view, which saves, submits or publishes
it as the editor asked. Only drafts this editor's own autosave made in this
session and never published are continued; anything else keeps the error."""

from django.utils.text import slugify

from cms.text import slugify_vi

SESSION_KEY = "cms_autosaved_new_pages"
REMEMBERED = 20


def _is_background_save(request) -> bool:
    # Wagtail's own test for its autosave (JSON) requests.
    return not request.accepts("text/html")


def remember_autosaved_page(request, page) -> None:
    if request.method != "POST" or not _is_background_save(request):
        return
    remembered = [pk for pk in request.session.get(SESSION_KEY, []) if pk != page.pk]
    request.session[SESSION_KEY] = [*remembered, page.pk][-REMEMBERED:]


def posted_slug(request) -> str:
    slug = (request.POST.get("slug") or "").strip()
    return slugify_vi(slug or request.POST.get("title", "")) or slugify(slug)


def own_autosaved_draft(request, parent_page, page_class):
    """The draft this editor's autosave created here with the slug now posted, if any."""
    if request.method != "POST":
        return None
    remembered = request.session.get(SESSION_KEY) or []
    slug = posted_slug(request)
    if not (remembered and slug):
        return None
    draft = (
        parent_page.get_children()
        .filter(pk__in=remembered, slug=slug, live=False, first_published_at__isnull=True)
        .filter(owner=request.user)
        .first()
    )
    if draft is None or draft.specific_class is not page_class:
        return None
    return draft


def as_edit_of(request, draft) -> None:
    """Rewrite the posted new-page form into the draft's edit form: the inline
    rows the autosave already created are the posted rows (by id), and rows the
    editor has removed since are deleted; otherwise each would be added twice."""
    page = draft.get_latest_revision_as_object()
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page, parent_page=draft.get_parent(), for_user=request.user)
    data = request.POST.copy()
    for formset in form.formsets.values():
        _point_rows_at_existing(data, formset.prefix, [row.pk for row in formset.get_queryset()])
    request.POST = data


def _point_rows_at_existing(data, prefix: str, existing_ids: list) -> None:
    total_key = f"{prefix}-TOTAL_FORMS"
    if total_key not in data:
        return
    posted = int(data[total_key] or 0)
    for index, pk in enumerate(existing_ids):
        data[f"{prefix}-{index}-id"] = str(pk)
        if index >= posted:
            data[f"{prefix}-{index}-DELETE"] = "1"
    data[total_key] = str(max(posted, len(existing_ids)))
    data[f"{prefix}-INITIAL_FORMS"] = str(len(existing_ids))
