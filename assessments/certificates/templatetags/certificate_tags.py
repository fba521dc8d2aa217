from django import template

from assessments.certificates.learning import learning_context

register = template.Library()


@register.inclusion_tag("certificates/includes/learning.html", takes_context=True)
def my_learning(context):
    """The learner's attempts, certificates and messages:
    ``{% load certificate_tags %}{% my_learning %}``."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    data = learning_context(user) if user is not None and user.is_authenticated else {}
    return {**data, "request": request, "csrf_token": context.get("csrf_token")}
