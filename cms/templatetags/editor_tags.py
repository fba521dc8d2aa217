from django import template
from django.utils.safestring import mark_safe
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from lms.accounts.admin_access import may_open_admin

register = template.Library()
# Already safe: the tag's autoescaping passes it through instead of escaping "" (~12 calls).
NOTHING = mark_safe("")


@register.simple_tag(takes_context=True)
def editor_userbar(context, position="bottom-right"):
    """Wagtail's user bar, asked for only when the visitor may open the admin
    (known from the session, lms/accounts/admin_access.py): a learner's page
    costs no permission queries."""
    request = context.get("request")
    if request is None or not may_open_admin(request):
        return NOTHING
    return wagtailuserbar(context, position)
