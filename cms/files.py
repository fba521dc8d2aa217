"""Which uploaded images and documents the public may see: those that a live,
public page uses (issue 9). An upload is not publication: editors upload files
for drafts, replace them, or leave them unused, and none of that is public until
a page using it is published. Staff who may choose or edit a file in the admin
see it anyway.

"Uses" comes from Wagtail's reference index (foreign keys, chooser blocks in
StreamFields and rich-text embeds), which Wagtail keeps current on every save and
which ``rebuild_references_index`` rebuilds."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

# The admin actions that let someone see a file they did not publish.
STAFF_ACTIONS = ["choose", "change"]


def _ids_used_on_public_pages(model) -> QuerySet:
    public_page_ids = (
        Page.objects.live()
        .public()
        .annotate(id_text=Cast("pk", output_field=CharField()))
        .values("id_text")
    )
    return (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=public_page_ids,
            to_content_type=ContentType.objects.get_for_model(model),
        )
        .annotate(file_id=Cast("to_object_id", output_field=IntegerField()))
        .values("file_id")
    )


def _visible(model, user) -> QuerySet:
    used = Q(pk__in=_ids_used_on_public_pages(model))
    if user is not None and user.is_authenticated and user.is_active:
        permission_policy = policy_registry.get_by_type(model)
        allowed = permission_policy.instances_user_has_any_permission_for(user, STAFF_ACTIONS)
        return model.objects.filter(used | Q(pk__in=allowed.values("pk")))
    return model.objects.filter(used)


def visible_images(user=None) -> QuerySet:
    return _visible(get_image_model(), user)


def visible_documents(user=None) -> QuerySet:
    return _visible(get_document_model(), user)


def can_see_document(user, document) -> bool:
    return visible_documents(user).filter(pk=document.pk).exists()
